"""The Wagtail page types, one module per concern. Rule: every page model and every model a
migration names is re-exported here, so ``cms.models.X`` keeps working as modules are split."""

from .catalogue import CatalogPage
from .courses import CourseCompetence, CoursePage, LessonPage
from .site import ContentPage, HomePage
from .video_guides import VideoGuideCompetence, VideoGuidePage
from .workflow import SecondEducatorApprovalTask

__all__ = [
    "CatalogPage",
    "ContentPage",
    "CourseCompetence",
    "CoursePage",
    "HomePage",
    "LessonPage",
    "SecondEducatorApprovalTask",
    "VideoGuideCompetence",
    "VideoGuidePage",
]
