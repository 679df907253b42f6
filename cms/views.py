from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.health import broker_status, database_status


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
