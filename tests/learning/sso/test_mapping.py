"""Claims placed in units and roles at every login (learning.sso.mapping), with the audit log."""

import datetime

import pytest

from learning.organisations.factories import (
    JobAssignmentFactory,
    JobRoleFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)
from learning.organisations.models import AssignmentSource, JobAssignment
from learning.sso.claims import OIDC, SAML, flat_claims
from learning.sso.factories import ProviderMappingFactory, RoleClaimValueFactory
from learning.sso.mapping import apply_claims, works_in
from learning.sso.models import LoginOutcome, SSOLoginEvent

TODAY = datetime.date(2026, 11, 28)


@pytest.fixture
def employer(db):
    """Aalborg Kommune with two home-care units, and Hjørring next door."""
    aalborg = OrganisationFactory(name="Aalborg Kommune")
    north = OrganisationFactory(name="Hjemmepleje Nord", parent=aalborg, external_id="AAL-NORD")
    south = OrganisationFactory(name="Hjemmepleje Syd", parent=aalborg, sor_code="123456789")
    hjoerring = OrganisationFactory(name="Hjørring Kommune")
    foreign = OrganisationFactory(
        name="Hjørring Hjemmepleje", parent=hjoerring, external_id="HJO-1"
    )
    mapping = ProviderMappingFactory(organisation=aalborg, app__name="Aalborg Kommune")
    return {
        "mapping": mapping,
        "north": north,
        "south": south,
        "foreign": foreign,
        "aalborg": aalborg,
        "hjoerring": hjoerring,
        "ssa": JobRoleFactory(code="SSA"),
        "ssh": JobRoleFactory(code="SSH"),
    }


def sso_assignments(user):
    return list(
        JobAssignment.objects.active_on(TODAY)
        .filter(user=user, source=AssignmentSource.SSO)
        .values_list("unit__name", "role__code")
    )


def test_first_login_places_the_person_in_the_claimed_unit_and_role(employer, learner):
    event = apply_claims(
        learner, employer["mapping"].app, {"unit": "AAL-NORD", "role": "SSA"}, today=TODAY
    )
    assert event.outcome == LoginOutcome.ASSIGNED
    assert sso_assignments(learner) == [("Hjemmepleje Nord", "SSA")]


def test_unit_claim_may_be_a_sor_code(employer, learner):
    apply_claims(
        learner, employer["mapping"].app, {"unit": "123456789", "role": "ssa"}, today=TODAY
    )
    assert sso_assignments(learner) == [("Hjemmepleje Syd", "SSA")]


def test_the_same_claims_at_the_next_login_change_nothing(employer, learner):
    app = employer["mapping"].app
    apply_claims(learner, app, {"unit": "AAL-NORD", "role": "SSA"}, today=TODAY)
    event = apply_claims(
        learner, app, {"unit": "AAL-NORD", "role": "SSA"}, today=TODAY + datetime.timedelta(days=3)
    )
    assert event.outcome == LoginOutcome.UNCHANGED
    assert JobAssignment.objects.filter(user=learner).count() == 1


def test_a_move_at_the_employer_ends_the_old_assignment_yesterday(employer, learner):
    app = employer["mapping"].app
    apply_claims(learner, app, {"unit": "AAL-NORD", "role": "SSA"}, today=TODAY)
    later = TODAY + datetime.timedelta(days=10)
    event = apply_claims(learner, app, {"unit": "123456789", "role": "SSH"}, today=later)
    assert event.outcome == LoginOutcome.MOVED
    old = JobAssignment.objects.get(user=learner, unit=employer["north"])
    assert old.ends_on == later - datetime.timedelta(days=1)
    assert list(
        JobAssignment.objects.active_on(later)
        .filter(user=learner)
        .values_list("unit__name", "role__code")
    ) == [("Hjemmepleje Syd", "SSH")]


def test_a_unit_of_another_employer_is_never_assigned(employer, learner):
    event = apply_claims(
        learner, employer["mapping"].app, {"unit": "HJO-1", "role": "SSA"}, today=TODAY
    )
    assert event.outcome == LoginOutcome.UNKNOWN_UNIT
    assert event.unit is None
    assert not JobAssignment.objects.filter(user=learner).exists()


def test_an_unknown_unit_keeps_the_current_assignment(employer, learner):
    app = employer["mapping"].app
    apply_claims(learner, app, {"unit": "AAL-NORD", "role": "SSA"}, today=TODAY)
    event = apply_claims(
        learner,
        app,
        {"unit": "NO-SUCH-UNIT", "role": "SSA"},
        today=TODAY + datetime.timedelta(days=1),
    )
    assert event.outcome == LoginOutcome.UNKNOWN_UNIT
    assert event.unit_value == "NO-SUCH-UNIT"
    assert sso_assignments(learner) == [("Hjemmepleje Nord", "SSA")]


def test_a_missing_unit_claim_is_recorded(employer, learner):
    event = apply_claims(learner, employer["mapping"].app, {"role": "SSA"}, today=TODAY)
    assert event.outcome == LoginOutcome.NO_UNIT_CLAIM


def test_an_unknown_role_without_default_is_recorded_and_assigns_nothing(employer, learner):
    event = apply_claims(
        learner, employer["mapping"].app, {"unit": "AAL-NORD", "role": "Astronaut"}, today=TODAY
    )
    assert event.outcome == LoginOutcome.UNKNOWN_ROLE
    assert event.role_value == "Astronaut"
    assert not JobAssignment.objects.filter(user=learner).exists()


def test_role_claim_values_are_translated_then_the_default_applies(employer, learner, outsider):
    mapping = employer["mapping"]
    RoleClaimValueFactory(
        mapping=mapping, value="Social- og sundhedsassistent", role=employer["ssa"]
    )
    mapping.default_role = employer["ssh"]
    mapping.save()
    apply_claims(
        learner,
        mapping.app,
        {"unit": "AAL-NORD", "role": "social- og sundhedsassistent"},
        today=TODAY,
    )
    apply_claims(outsider, mapping.app, {"unit": "AAL-NORD", "role": "Ukendt"}, today=TODAY)
    assert sso_assignments(learner) == [("Hjemmepleje Nord", "SSA")]
    assert sso_assignments(outsider) == [("Hjemmepleje Nord", "SSH")]


def test_custom_claim_names_are_read(employer, learner):
    mapping = employer["mapping"]
    mapping.unit_claim, mapping.role_claim = "department", "title"
    mapping.save()
    apply_claims(learner, mapping.app, {"department": "AAL-NORD", "title": "SSH"}, today=TODAY)
    assert sso_assignments(learner) == [("Hjemmepleje Nord", "SSH")]


def test_roster_and_manual_assignments_are_left_alone(employer, learner):
    hr = JobAssignmentFactory(
        user=learner, unit=employer["south"], role=employer["ssh"], source=AssignmentSource.IMPORT
    )
    apply_claims(learner, employer["mapping"].app, {"unit": "AAL-NORD", "role": "SSA"}, today=TODAY)
    hr.refresh_from_db()
    assert hr.ends_on is None
    assert sso_assignments(learner) == [("Hjemmepleje Nord", "SSA")]


def test_claims_the_roster_already_records_add_no_second_assignment(employer, learner):
    JobAssignmentFactory(
        user=learner, unit=employer["north"], role=employer["ssa"], source=AssignmentSource.IMPORT
    )
    event = apply_claims(
        learner, employer["mapping"].app, {"unit": "AAL-NORD", "role": "SSA"}, today=TODAY
    )
    assert event.outcome == LoginOutcome.UNCHANGED
    assert JobAssignment.objects.filter(user=learner).count() == 1


def test_a_second_move_on_the_same_day_leaves_one_assignment(employer, learner):
    app = employer["mapping"].app
    apply_claims(learner, app, {"unit": "AAL-NORD", "role": "SSA"}, today=TODAY)
    apply_claims(learner, app, {"unit": "123456789", "role": "SSA"}, today=TODAY)
    assert sso_assignments(learner) == [("Hjemmepleje Syd", "SSA")]


def test_every_login_is_logged_with_only_the_mapped_claims(employer, learner):
    apply_claims(
        learner,
        employer["mapping"].app,
        {"unit": "AAL-NORD", "role": "SSA", "email": "mette@example.org", "name": "Mette Nielsen"},
        today=TODAY,
    )
    event = SSOLoginEvent.objects.get(user=learner)
    assert (event.provider_name, event.unit_value, event.role_value) == (
        "Aalborg Kommune",
        "AAL-NORD",
        "SSA",
    )
    stored = " ".join(str(v) for v in SSOLoginEvent.objects.values_list().get())
    assert "mette@example.org" not in stored


def test_a_provider_without_mapping_is_logged_as_not_configured(learner):
    from learning.sso.factories import SocialAppFactory

    event = apply_claims(learner, SocialAppFactory(), {"unit": "AAL-NORD"}, today=TODAY)
    assert event.outcome == LoginOutcome.NOT_CONFIGURED
    assert not JobAssignment.objects.filter(user=learner).exists()


def test_works_in_needs_every_job_and_scope_inside_the_organisation(employer, learner, manager):
    JobAssignmentFactory(user=learner, unit=employer["north"])
    assert works_in(learner, employer["aalborg"], today=TODAY)
    ManagerScopeFactory(manager=learner, unit=employer["foreign"])
    assert not works_in(learner, employer["aalborg"], today=TODAY)
    assert not works_in(manager, employer["aalborg"], today=TODAY)  # no job anywhere


def test_oidc_claims_prefer_userinfo_over_the_id_token():
    claims = flat_claims(
        OIDC,
        {"id_token": {"unit": "A", "sub": "1"}, "userinfo": {"unit": "B", "role": ["SSA", "SSH"]}},
    )
    assert claims == {"unit": "B", "sub": "1", "role": "SSA"}


def test_saml_attributes_become_single_values():
    claims = flat_claims(SAML, {"unit": ["AAL-NORD"], "role": [], "mail": ["a@b.dk"]})
    assert claims == {"unit": "AAL-NORD", "role": "", "mail": "a@b.dk"}
