"""Who may see which report: the rules live in the access policy,
``learning.organisations.permissions``; this module only names them for the report views."""

from learning.organisations.permissions import (  # noqa: F401  (re-exported for the views)
    COMMITTEE_GROUP,
    can_view_content_analytics,
    can_view_coverage,
    can_view_region,
    committee_group_name,
    coverage_roots,
)
