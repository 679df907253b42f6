"""The database snapshots the browser tests start from (``tests/support/snapshots.py``) must give
back a database that behaves like the one kept: here, Wagtail's search index."""

import pytest
from django.db import connection
from wagtail.search.models import IndexEntry

from cms.models import CoursePage
from tests.support import snapshots


def _index_rows():
    # On SQLite the full-text rows live in a virtual table that triggers keep in step with the
    # index entries; elsewhere there is nothing more to compare.
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT rowid FROM wagtailsearch_indexentry_fts ORDER BY rowid")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_a_restored_snapshot_searches_and_reindexes_like_the_original(catalogue_site):
    """A restore twice over leaves one full-text row per index entry, and a page saved after it
    is indexed again without a clash (it once raised IntegrityError on SQLite)."""
    snapshots.keep("test-search-index")
    for _ in range(2):
        snapshots.restore("test-search-index")
    entries = sorted(IndexEntry.objects.values_list("pk", flat=True))
    assert entries
    if connection.vendor == "sqlite":
        assert _index_rows() == entries

    course = CoursePage.objects.live().first()
    course.title = "Håndhygiejne og FMK i hjemmeplejen"
    course.save_revision().publish()

    found = CoursePage.objects.live().search("FMK hjemmeplejen")
    assert course.pk in [page.pk for page in found]
