"""Manager pages: requirements in scope only, staff statuses, sign-off; outsiders see nothing."""

import datetime

from django.urls import reverse

from learning.competences.models import CompetenceRecord, Evidence, Requirement
from learning.reports.models import AccessLog


def requirement_data(world, unit=None, **overrides):
    return {
        "unit": (unit or world["home_care"]).pk,
        "include_subtree": "on",
        "role": world["nurse"].pk,
        "competence": world["fmk"].pk,
        "level": 1,
        "due_within_days": 30,
        "renew_every_months": "",
        **overrides,
    }


def test_a_manager_sees_requirements_for_her_units_only(client, manager, world):
    client.force_login(manager)
    response = client.get(reverse("competences:requirements"))
    assert response.status_code == 200
    assert list(response.context["requirements"]) == [world["own"]]


def test_an_outsider_cannot_see_the_requirement_list(client, outsider, world):
    client.force_login(outsider)
    assert client.get(reverse("competences:requirements")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, world):
    response = client.get(reverse("competences:requirements"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_manager_adds_a_requirement_for_her_unit(client, manager, world):
    client.force_login(manager)
    response = client.post(reverse("competences:requirement_add"), requirement_data(world))
    assert response.status_code == 302
    created = Requirement.objects.exclude(pk__in=[world["own"].pk, world["foreign"].pk]).get()
    assert (created.unit, created.created_by) == (world["home_care"], manager)


def test_a_manager_cannot_add_a_requirement_outside_her_scope(client, manager, world):
    client.force_login(manager)
    response = client.post(
        reverse("competences:requirement_add"), requirement_data(world, unit=world["elsewhere"])
    )
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert Requirement.objects.count() == 2


def test_a_manager_cannot_add_a_requirement_on_the_parent_unit(client, manager, world):
    client.force_login(manager)
    client.post(
        reverse("competences:requirement_add"), requirement_data(world, unit=world["municipality"])
    )
    assert Requirement.objects.count() == 2


def test_a_malformed_requirement_is_refused(client, manager, world):
    client.force_login(manager)
    response = client.post(
        reverse("competences:requirement_add"),
        requirement_data(world, level=9, due_within_days="soon"),
    )
    assert response.status_code == 200
    assert {"level", "due_within_days"} <= set(response.context["form"].errors)


def test_a_manager_edits_her_requirement(client, manager, world):
    client.force_login(manager)
    client.post(
        reverse("competences:requirement_edit", args=[world["own"].pk]),
        requirement_data(world, level=3),
    )
    world["own"].refresh_from_db()
    assert world["own"].level == 3


def test_a_manager_cannot_edit_a_requirement_outside_her_scope(client, manager, world):
    client.force_login(manager)
    url = reverse("competences:requirement_edit", args=[world["foreign"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, requirement_data(world, unit=world["home_care"])).status_code == 404
    world["foreign"].refresh_from_db()
    assert world["foreign"].unit == world["elsewhere"]


def test_an_unknown_requirement_is_not_found(client, manager, world):
    client.force_login(manager)
    assert client.get(reverse("competences:requirement_edit", args=[99999])).status_code == 404


def test_a_manager_cannot_delete_a_requirement_outside_her_scope(client, manager, world):
    client.force_login(manager)
    url = reverse("competences:requirement_delete", args=[world["foreign"].pk])
    assert client.post(url).status_code == 404
    assert Requirement.objects.filter(pk=world["foreign"].pk).exists()


def test_deleting_needs_post(client, manager, world):
    client.force_login(manager)
    url = reverse("competences:requirement_delete", args=[world["own"].pk])
    assert client.get(url).status_code == 405
    assert Requirement.objects.filter(pk=world["own"].pk).exists()


def test_a_manager_deletes_her_requirement(client, manager, world):
    client.force_login(manager)
    client.post(reverse("competences:requirement_delete", args=[world["own"].pk]))
    assert not Requirement.objects.filter(pk=world["own"].pk).exists()


def test_a_platform_admin_sees_every_requirement(client, admin_user, world):
    client.force_login(admin_user)
    response = client.get(reverse("competences:requirements"))
    assert set(response.context["requirements"]) == {world["own"], world["foreign"]}


def test_the_staff_list_shows_people_in_scope_with_statuses(client, manager, learner, world):
    client.force_login(manager)
    response = client.get(reverse("competences:staff"))
    assert [row["person"] for row in response.context["rows"]] == [learner]
    assert response.context["rows"][0]["counts"] == [("Skal opfyldes", 1)]


def test_an_outsider_cannot_see_the_staff_list(client, outsider, world):
    client.force_login(outsider)
    assert client.get(reverse("competences:staff")).status_code == 403


def test_a_manager_sees_a_person_in_scope(client, manager, learner, world):
    client.force_login(manager)
    response = client.get(reverse("competences:person", args=[learner.pk]))
    assert response.status_code == 200
    assert [s.status for s, _competence in response.context["statuses"]] == ["due"]


def test_a_manager_cannot_see_a_person_outside_her_scope(client, manager, outsider, world):
    client.force_login(manager)
    assert client.get(reverse("competences:person", args=[outsider.pk])).status_code == 404
    assert not AccessLog.objects.exists()


def test_viewing_a_persons_record_is_logged(client, manager, learner, world):
    client.force_login(manager)
    client.get(reverse("competences:person", args=[learner.pk]))
    entry = AccessLog.objects.get()
    assert (entry.viewer, entry.person, entry.what) == (manager, learner, "staff_person")


def test_an_outsider_cannot_see_a_person(client, outsider, learner, world):
    client.force_login(outsider)
    assert client.get(reverse("competences:person", args=[learner.pk])).status_code == 404


def test_an_unknown_person_is_not_found(client, manager, world):
    client.force_login(manager)
    assert client.get(reverse("competences:person", args=[99999])).status_code == 404


def test_a_manager_signs_off_a_person_in_scope(client, manager, learner, world):
    client.force_login(manager)
    response = client.post(
        reverse("competences:person", args=[learner.pk]),
        {"competence": world["fmk"].pk, "level": 2, "note": "Set i praksis"},
    )
    assert response.status_code == 302
    record = CompetenceRecord.objects.get(user=learner)
    assert (record.evidence, record.recorded_by, record.level, record.note) == (
        Evidence.SIGN_OFF,
        manager,
        2,
        "Set i praksis",
    )


def test_after_sign_off_the_requirement_is_met(client, manager, learner, world):
    client.force_login(manager)
    client.post(
        reverse("competences:person", args=[learner.pk]),
        {"competence": world["fmk"].pk, "level": 2, "note": "Set i praksis"},
    )
    response = client.get(reverse("competences:person", args=[learner.pk]))
    assert [s.status for s, _competence in response.context["statuses"]] == ["met"]


def test_a_manager_cannot_sign_off_outside_her_scope(client, manager, outsider, world):
    client.force_login(manager)
    response = client.post(
        reverse("competences:person", args=[outsider.pk]),
        {"competence": world["fmk"].pk, "level": 2, "note": "x"},
    )
    assert response.status_code == 404
    assert not CompetenceRecord.objects.exists()


def test_a_sign_off_without_a_note_is_refused(client, manager, learner, world):
    client.force_login(manager)
    response = client.post(
        reverse("competences:person", args=[learner.pk]),
        {"competence": world["fmk"].pk, "level": 2, "note": ""},
    )
    assert response.status_code == 200 and "note" in response.context["form"].errors
    assert not CompetenceRecord.objects.exists()


def test_a_sign_off_with_a_bad_competence_is_refused(client, manager, learner, world):
    client.force_login(manager)
    response = client.post(
        reverse("competences:person", args=[learner.pk]),
        {"competence": "abc", "level": 2, "note": "x"},
    )
    assert response.status_code == 200
    assert not CompetenceRecord.objects.exists()


def test_the_sign_off_page_refuses_other_methods(client, manager, learner, world):
    client.force_login(manager)
    url = reverse("competences:person", args=[learner.pk])
    body = f"competence={world['fmk'].pk}&level=2&note=x"
    assert client.put(url, body, "application/x-www-form-urlencoded").status_code == 405
    assert not CompetenceRecord.objects.filter(user=learner).exists()


def _second_employer(world, learner):
    """Mette also works in Hjørring (another employer), where N1 is required and overdue."""
    from learning.competences.factories import CompetenceRecordFactory
    from learning.competences.models import Competence
    from learning.organisations.factories import JobAssignmentFactory, JobRoleFactory

    n1 = Competence.objects.get(code="N1")
    night = JobRoleFactory(code="NAT", name="Nattevagt i Hjørring")
    JobAssignmentFactory(
        user=learner,
        unit=world["elsewhere"],
        role=night,
        starts_on=datetime.date(2021, 3, 4),
    )
    foreign = Requirement.objects.create(
        unit=world["elsewhere"], role=None, competence=n1, level=1, due_within_days=30
    )
    CompetenceRecordFactory(user=learner, competence=Competence.objects.get(code="N9"), level=1)
    return n1, foreign


def test_another_employers_job_and_requirements_never_show_on_the_person_page(
    client, manager, learner, world
):
    n1, foreign = _second_employer(world, learner)
    client.force_login(manager)
    response = client.get(reverse("competences:person", args=[learner.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sygeplejerske" in page and "Hjemmeplejen" in page  # her own unit's job
    assert "Nattevagt i Hjørring" not in page and "Hjørring Kommune" not in page
    requirements = page.split('id="status-caption"')[1].split("</table>")[0]
    assert str(n1) not in requirements and "2021" not in requirements
    shown = {s.requirement.id for s, _competence in response.context["statuses"]}
    assert shown == {world["own"].pk}


def test_the_staff_list_counts_only_what_the_managers_units_require(
    client, manager, learner, world
):
    _second_employer(world, learner)
    client.force_login(manager)
    response = client.get(reverse("competences:staff"))
    row = next(r for r in response.context["rows"] if r["person"] == learner)
    assert row["total"] == 1  # her own unit's requirement; not Hjørring's overdue N1


def test_a_forged_person_id_from_another_employer_is_not_found(client, manager, outsider, world):
    client.force_login(manager)
    records = CompetenceRecord.objects.count()
    response = client.post(
        reverse("competences:person", args=[outsider.pk]),
        {"competence": world["fmk"].pk, "level": 1, "note": "forged"},
    )
    assert response.status_code == 404
    assert client.get(reverse("competences:person", args=[outsider.pk])).status_code == 404
    assert CompetenceRecord.objects.count() == records
