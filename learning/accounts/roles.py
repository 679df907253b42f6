"""What the account itself says about a person's standing: signed in, platform administrator.

These two rules sit here, at the bottom of the layers, so that the account's own pages (erasure,
the admin menu) can ask them. The access policy (``learning.organisations.permissions``) builds
every other rule on them and offers them too: callers above accounts ask the policy.
"""

PLATFORM_ADMIN_GROUP = "Platformsadministratorer"


def is_signed_in(user):
    """An active, logged-in account (anonymous users and deactivated accounts are not)."""
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def is_platform_admin(user):
    """Superuser or member of the platform-admin group. Queries the DB once per request object."""
    if not is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_platform_admin", None)
    if cached is None:
        cached = user.groups.filter(name=PLATFORM_ADMIN_GROUP).exists()
        user._is_platform_admin = cached
    return cached


def knows_platform_admin(user):
    """Is the answer of ``is_platform_admin`` known without a query (for this request)?"""
    return user.is_superuser or getattr(user, "_is_platform_admin", None) is not None


def remember_platform_admin(user, answer):
    """Keep an answer learnt along with other facts (the access policy reads group membership
    and a manager's scope in one query), so ``is_platform_admin`` need not ask again."""
    user._is_platform_admin = bool(answer)
