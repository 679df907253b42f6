"""The erase-a-person page in the Wagtail admin's Settings menu (platform admins only)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from learning.accounts.roles import is_platform_admin


class EraseMenuItem(MenuItem):
    def is_shown(self, request):
        return is_platform_admin(request.user)


@hooks.register("register_settings_menu_item")
def register_erase_menu_item():
    return EraseMenuItem(_("Erase a person"), reverse("privacy:erase"), icon_name="bin", order=900)
