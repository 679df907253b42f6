"""Permission policies shared by the admin views of several apps."""

from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPolicy(ModelPermissionPolicy):
    """For logs written by the platform itself (the forwarding outbox, the single sign-on audit
    log): administrators may list and inspect them, nobody adds, edits or deletes rows."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)
