"""The Wagtail page types, one module per concern. Rule: every page model and every model a
migration names is re-exported here, so ``cms.models.X`` keeps working as modules are split."""

from .site import ContentPage, HomePage

__all__ = ["ContentPage", "HomePage"]
