"""``AccessLog.record`` writes one row per person seen, in one INSERT per batch."""

import datetime

from django.utils import timezone

from learning.accounts.factories import UserFactory
from learning.reports import models
from learning.reports.models import AccessLog


def test_every_person_seen_gets_a_row_with_the_viewer_and_the_time(db, monkeypatch):
    viewer = UserFactory()
    people = [UserFactory() for _n in range(5)]
    monkeypatch.setattr(models, "RECORD_BATCH", 2)  # three statements in one transaction
    before = timezone.now()
    AccessLog.record(viewer, [p.pk for p in people], "people_list")
    AccessLog.record(viewer, [people[0].pk], "person")
    AccessLog.record(viewer, [], "person")  # nobody shown: nothing logged
    rows = AccessLog.objects.filter(viewer=viewer)
    assert sorted(rows.filter(what="people_list").values_list("person_id", flat=True)) == sorted(
        p.pk for p in people
    )
    assert list(rows.filter(what="person").values_list("person_id", flat=True)) == [people[0].pk]
    for row in rows:
        assert before <= row.viewed_at <= timezone.now() + datetime.timedelta(seconds=1)
