"""Review by a second educator: a group approval task the submitter cannot approve."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask


class SecondEducatorApprovalTask(GroupApprovalTask):
    """Any educator in the reviewing groups may approve or reject, except the person who
    submitted the page: four eyes, whatever the group's size."""

    def _submitted_by(self, obj):
        state = getattr(obj, "current_workflow_state", None)
        return state.requested_by_id if state else None

    def get_actions(self, obj, user):
        if user.pk is not None and user.pk == self._submitted_by(obj) and not user.is_superuser:
            return []
        return super().get_actions(obj, user)

    @classmethod
    def get_description(cls):
        return _("Another educator reviews the page; the author cannot approve their own work.")

    class Meta:
        verbose_name = _("review by a second educator")
        verbose_name_plural = _("reviews by a second educator")
