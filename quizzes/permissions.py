"""Who may see item analysis: educators (those who may edit quizzes) and platform admins.

Learners and managers may not; the analysis holds no person-level data, but it is a tool for
improving questions, not for judging staff (DOMAIN.md §4.1).
"""

from learning.organisations.permissions import is_platform_admin

EDITOR_CODENAMES = [
    f"{action}_{model}"
    for model in ("question", "quiz", "courseevaluation")
    for action in ("add", "change", "delete", "view")
]


def can_view_analysis(user):
    """Queries the user's permissions once per request object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return is_platform_admin(user) or user.has_perm("quizzes.change_quiz")


def grant_editor_permissions(group):
    """Let a group (Wagtail's "Editors") author questions, quizzes and course evaluations."""
    from django.contrib.auth.models import Permission

    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="quizzes", codename__in=EDITOR_CODENAMES)
    )
