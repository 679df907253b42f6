from django import template

from cms.navigation import MainNav
from cms.navigation import main_nav as build_main_nav

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context):
    """``{% main_nav as nav %}``: the header's links (cms.navigation.MainNav), cached per
    request; an empty MainNav where the template has no request."""
    request = context.get("request")
    if request is None:
        return MainNav()
    return build_main_nav(request)
