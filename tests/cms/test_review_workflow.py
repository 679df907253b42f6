"""Review by a second educator: created by a migration, submitted by one Hjørring educator,
approved (published) or rejected (with the comment) by another; never by the author, never by an
educator of another organisation; the reviewer is told by e-mail."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Workflow, WorkflowState, WorkflowTask
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.workflows import WORKFLOW_NAME

pytestmark = pytest.mark.django_db


def course_form(course, **changes):
    data = {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "estimated_minutes": course.estimated_minutes,
        "owner_organisation": course.owner_organisation_id,
        "cover_image_alt": "",
        "introduction": rich_text(""),
        "competence_links": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


def submit(client, user, course, title="FMK i hverdagen, 2. udgave"):
    client.force_login(user)
    data = course_form(course, title=title)
    data["action-submit"] = "Send til gennemsyn"
    return client.post(reverse("wagtailadmin_pages:edit", args=[course.pk]), data)


def current_task_state(course):
    return WorkflowState.objects.get(
        base_content_type__isnull=False,
        object_id=str(course.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).current_task_state


def act(client, user, course, action, comment=""):
    client.force_login(user)
    state = current_task_state(course)
    url = reverse("wagtailadmin_pages:workflow_action", args=[course.pk, action, state.pk])
    return client.post(url, {"comment": comment} if comment else {})


def test_the_migration_made_the_workflow_with_its_task_on_the_whole_tree():
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert WorkflowTask.objects.filter(workflow=workflow).count() == 1
    assert Page.get_first_root_node().get_workflow() == workflow


def test_setup_review_workflow_is_idempotent():
    call_command("setup_review_workflow", stdout=open("/dev/null", "w"))
    call_command("setup_review_workflow", stdout=open("/dev/null", "w"))
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert WorkflowTask.objects.filter(workflow__name=WORKFLOW_NAME).count() == 1


def test_submitting_sends_the_page_to_review_and_mails_the_owners_other_educator(
    client, jesper, lise, birgit, hjorring_course
):
    mail.outbox.clear()
    response = submit(client, jesper, hjorring_course)
    assert response.status_code == 302, response.content[:2000]
    hjorring_course.refresh_from_db()
    assert hjorring_course.title == "FMK i hverdagen"  # still the published title
    assert current_task_state(hjorring_course) is not None
    recipients = {address for message in mail.outbox for address in message.to}
    assert "lise@example.org" in recipients
    assert "jesper@example.org" not in recipients
    assert "birgit@example.org" not in recipients


def test_a_second_educator_of_the_owner_approves_and_the_page_is_published(
    client, jesper, lise, hjorring_course
):
    submit(client, jesper, hjorring_course)
    response = act(client, lise, hjorring_course, "approve")
    assert response.status_code in {200, 302}
    hjorring_course.refresh_from_db()
    assert hjorring_course.title == "FMK i hverdagen, 2. udgave"
    assert hjorring_course.live and not hjorring_course.has_unpublished_changes


def test_rejection_returns_the_page_with_the_comment(client, jesper, lise, hjorring_course):
    submit(client, jesper, hjorring_course)
    state = current_task_state(hjorring_course)
    act(client, lise, hjorring_course, "reject", comment="Tilføj alt-tekst til billedet.")
    state.refresh_from_db()
    assert state.status == state.STATUS_REJECTED
    assert state.comment == "Tilføj alt-tekst til billedet."
    hjorring_course.refresh_from_db()
    assert hjorring_course.title == "FMK i hverdagen"
    assert hjorring_course.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


@pytest.mark.parametrize("who", ["jesper", "birgit", "hanne", "mette"])
def test_neither_the_author_nor_anyone_outside_the_owner_approves(
    client, request, jesper, lise, hjorring_course, who
):
    submit(client, jesper, hjorring_course)
    act(client, request.getfixturevalue(who), hjorring_course, "approve")
    hjorring_course.refresh_from_db()
    assert hjorring_course.title == "FMK i hverdagen"
    assert current_task_state(hjorring_course).status == "in_progress"


def test_an_educator_cannot_publish_past_review(client, jesper, hjorring_course):
    client.force_login(jesper)
    data = course_form(hjorring_course, title="Udgivet uden gennemsyn")
    data["action-publish"] = "Udgiv"
    client.post(reverse("wagtailadmin_pages:edit", args=[hjorring_course.pk]), data)
    hjorring_course.refresh_from_db()
    assert hjorring_course.title == "FMK i hverdagen"
