"""The quiz app's permissions: its rules live in the access policy
(``learning.organisations.permissions``); here only the grant of the model permissions that
Wagtail's Editors group needs to author questions, quizzes and course evaluations."""

from django.contrib.auth.models import Permission

from learning.organisations import permissions as policy

can_view_analysis = policy.can_view_analysis

EDITOR_CODENAMES = [
    f"{action}_{model}"
    for model in ("question", "quiz", "courseevaluation")
    for action in ("add", "change", "delete", "view")
]


def grant_editor_permissions(group):
    """Let a group (Wagtail's "Editors") author questions, quizzes and course evaluations."""
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="quizzes", codename__in=EDITOR_CODENAMES)
    )
