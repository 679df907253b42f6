import gc
import os

from django.core.wsgi import get_wsgi_application

# A WSGI server is production: it must never fall back to the debug settings of `make run`.

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

# What Django has loaded now (about 600,000 objects: models, apps, Wagtail) lives as long as the
# process. Frozen, it is left out of the garbage collector's full passes, each of which would
# otherwise walk all of it (0.2 s on the bench machine); requests that build many objects, such
# as a batch of statements, pay those passes (docs/performance.md, "LRS ingest").
gc.freeze()
