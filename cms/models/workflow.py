"""Review by a second educator: a Wagtail approval task whose reviewers are the educators of the
page's owning organisation, never the person who submitted it (the access policy's
``can_review``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, TaskState

from learning.organisations.permissions import can_edit_content, can_review, owner_of


class SecondEducatorApprovalTask(GroupApprovalTask):
    """Four eyes, within the owner: any other educator of the organisation that owns the page
    approves or rejects it. The task's groups are not used (they would span organisations)."""

    def _submitted_by(self, obj):
        state = getattr(obj, "current_workflow_state", None)
        return state.requested_by_id if state else None

    def get_actions(self, obj, user):
        if not can_review(user, obj, self._submitted_by(obj)):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def user_can_access_editor(self, obj, user):
        return can_edit_content(user, owner_of(obj))

    def locked_for_user(self, obj, user):
        # The owner's educators may still revise the page while it waits; nobody else may.
        return not can_edit_content(user, owner_of(obj))

    def user_can_lock(self, obj, user):
        return can_edit_content(user, owner_of(obj))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related(
            "workflow_state"
        )
        allowed = [
            state.pk
            for state in states
            if can_review(
                user, state.workflow_state.content_object, state.workflow_state.requested_by_id
            )
        ]
        return TaskState.objects.filter(pk__in=allowed)

    @classmethod
    def get_description(cls):
        return _("Another educator reviews the page; the author cannot approve their own work.")

    class Meta:
        verbose_name = _("review by a second educator")
        verbose_name_plural = _("reviews by a second educator")
