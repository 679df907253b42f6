"""Keep each educator in their employer's educator group (the access policy's
``sync_educator_groups``): at login, and when a job assignment or Editors membership changes."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import JobAssignment
from .permissions import EDUCATORS_GROUP, sync_educator_groups


def _sync_on_login(sender, request, user, **kwargs):
    sync_educator_groups(user)


def _sync_on_assignment(sender, instance, **kwargs):
    sync_educator_groups(instance.user)


def _sync_on_editors_membership(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    User = get_user_model()
    if reverse:  # group.user_set.add(...)
        if isinstance(instance, Group) and instance.name == EDUCATORS_GROUP:
            for user in User.objects.filter(pk__in=pk_set or ()):
                sync_educator_groups(user)
        return
    editors = Group.objects.filter(name=EDUCATORS_GROUP).values_list("pk", flat=True).first()
    # Our own changes to educator groups never include Editors, so this does not recurse.
    if action == "post_clear" or (editors is not None and editors in (pk_set or ())):
        sync_educator_groups(instance)


def connect():
    user_logged_in.connect(_sync_on_login, dispatch_uid="educator_groups_login")
    post_save.connect(_sync_on_assignment, sender=JobAssignment, dispatch_uid="educator_groups_a")
    post_delete.connect(_sync_on_assignment, sender=JobAssignment, dispatch_uid="educator_groups_d")
    m2m_changed.connect(
        _sync_on_editors_membership,
        sender=get_user_model().groups.through,
        dispatch_uid="educator_groups_m2m",
    )
