"""A test-only page showing one video in the player, and media served with byte ranges.

Django's live server answers MEDIA_URL itself, without ranges (so Chromium cannot seek); the
video fixture moves MEDIA_URL to /test-media/, which reaches learning.video.media_views.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template import RequestContext, Template
from django.urls import path
from wagtailmedia.models import get_media_model

from cms.urls import urlpatterns as site_urlpatterns
from learning.video.media_views import serve_media

MEDIA_URL = "/test-media/"
PAGE = Template(
    '{% extends "base.html" %}{% block content %}<div class="wrap"><h1>{{ media.title }}</h1>'
    '{% include "video/player.html" with media=media %}</div>{% endblock %}'
)


def video_page(request, pk):
    media = get_object_or_404(get_media_model(), pk=pk)
    return HttpResponse(PAGE.render(RequestContext(request, {"media": media})))


urlpatterns = [
    path("video-test/<int:pk>/", video_page),
    path("test-media/<path:path>", serve_media),
    *site_urlpatterns,
]
