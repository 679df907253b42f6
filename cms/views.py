from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from cms.health import broker_status, database_status
from cms.models.serving import route_by_url_path


@never_cache
@require_GET
def healthz(request):
    """200 while the database answers, 503 when it does not.

    A broker outage is reported but does not fail the check: pages still work and tasks
    wait in the outbox, so taking the web node out of rotation would only make things worse.
    """
    body = {"database": database_status()}
    broker = broker_status()
    if broker is not None:
        body["broker"] = broker
    status = 200 if body["database"] == "ok" else 503
    return JsonResponse(body, status=status)


@require_GET
def favicon(request):
    """/favicon.ico, which browsers and bookmark tools ask for on every site whatever the page
    says: to the static icon (its hashed, long-cached name in production)."""
    return redirect(static("favicon.ico"), permanent=True)


def serve_page(request, path):
    """Wagtail's page serving (``wagtail.views.serve``) with a shorter way to the page.

    Wagtail loads the site, its home page as its specific model, and lets the home page route
    the path. Here the site (with its root page row, which is all the routing needs) leads
    straight to the page whose URL path this is, in one query (``route_by_url_path``); then
    the page is served as Wagtail serves it, through the same ``before_serve_page`` and
    ``on_serve_page`` hooks (view restrictions, the user bar's checks). The home page itself,
    a page's own sub-routes and every 404 go through Wagtail's view unchanged.
    """
    site = Site.find_for_request(request)
    components = [component for component in path.split("/") if component]
    found = route_by_url_path(site.root_page, request, components) if site and components else None
    if found is None:
        return wagtail_serve(request, path)
    page, args, kwargs = found
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    def serve(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    for hook in reversed(hooks.get_hooks("on_serve_page")):
        serve = hook(serve)
    return serve(page, request, args, kwargs)
