import os

from django.core.wsgi import get_wsgi_application

# A WSGI server is production: it must never fall back to the debug settings of `make run`.

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()
