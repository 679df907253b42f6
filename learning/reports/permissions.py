"""Who may see which report: the rules live in the access policy,
``learning.organisations.permissions``; this module only names them for the report views."""

from learning.organisations import permissions as policy

COMMITTEE_GROUP = policy.COMMITTEE_GROUP
committee_group_name = policy.committee_group_name
coverage_roots = policy.coverage_roots
can_view_coverage = policy.can_view_coverage
can_view_unit = policy.can_manage_unit
can_view_person = policy.can_manage_person
can_view_person_with_jobs = policy.can_manage_person_with_jobs
can_view_region = policy.can_view_region
can_view_content_analytics = policy.can_view_content_analytics
