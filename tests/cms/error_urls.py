"""A URLconf with a view that fails, to see the 500 page a visitor gets."""

from django.urls import include, path


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken), path("", include("cms.urls"))]
