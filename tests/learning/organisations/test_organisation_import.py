"""Organisation import: tree building, idempotence, moves, deactivation, bad rows."""

import io

import pytest

from learning.organisations.factories import OrganisationFactory
from learning.organisations.imports import import_organisations
from learning.organisations.models import Organisation

HEADER = "org_id,parent_id,name,sector,kind,sor_code,municipality_code,active\n"
REGION = "RN,,Region Nordjylland,region,region,,,1"
HOSPITAL = "AAUH,RN,Aalborg Universitetshospital,region,hospital,1111,,1"
WARD = "MED1,AAUH,Medicinsk Afdeling,region,department,2222,,1"


def run(*lines, **options):
    data = io.BytesIO((HEADER + "".join(line + "\n" for line in lines)).encode())
    return import_organisations(data, "orgs.csv", **options)


def parent_of(external_id):
    return Organisation.objects.get(external_id=external_id).get_parent()


def test_import_builds_the_tree_even_when_children_come_first(db):
    result = run(WARD, HOSPITAL, REGION)
    assert result.applied and not result.errors
    assert parent_of("MED1").external_id == "AAUH"
    assert parent_of("AAUH").external_id == "RN"


def test_importing_the_same_file_twice_changes_nothing(db):
    run(REGION, HOSPITAL, WARD)
    paths = list(Organisation.objects.values_list("external_id", "path"))
    again = run(REGION, HOSPITAL, WARD, full=True)
    assert (again.created, again.updated, again.ended) == ([], [], [])
    assert list(Organisation.objects.values_list("external_id", "path")) == paths


def test_a_dry_run_writes_nothing(db):
    result = run(REGION, HOSPITAL, dry_run=True)
    assert len(result.created) == 2 and not Organisation.objects.exists()


def test_a_parent_can_be_named_by_its_sor_code(db):
    run(REGION, HOSPITAL)
    run("MED1,1111,Medicinsk Afdeling,region,department,,,1")
    assert parent_of("MED1").external_id == "AAUH"


def test_a_new_parent_moves_the_unit_with_its_subtree(db):
    run(REGION, HOSPITAL, WARD, "RHN,RN,Regionshospital Nordjylland,region,hospital,,,1")
    run(HOSPITAL.replace("AAUH,RN", "AAUH,RHN"))
    assert parent_of("AAUH").external_id == "RHN"
    assert parent_of("MED1").external_id == "AAUH"
    assert Organisation.find_problems() == ([], [], [], [], [])


def test_a_full_import_deactivates_missing_units_without_deleting(db):
    run(REGION, HOSPITAL, WARD)
    result = run(REGION, HOSPITAL, full=True)
    assert len(result.ended) == 1
    assert Organisation.objects.get(external_id="MED1").is_active is False


def test_a_unit_cannot_be_moved_below_itself(db):
    run(REGION, HOSPITAL, WARD)
    result = run("RN,MED1,Region Nordjylland,region,region,,,1")
    assert [e.row for e in result.errors] == [2]


def test_a_loop_in_the_file_is_reported(db):
    result = run("A,B,A,other,unit,,,1", "B,A,B,other,unit,,,1")
    assert sorted(e.row for e in result.errors) == [2, 3]
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("X,,Navn,planet,unit,,,1", "sector"),
        ("X,,Navn,other,castle,,,1", "kind"),
        ("X,NOWHERE,Navn,other,unit,,,1", "NOWHERE"),
        ("X,,,other,unit,,,1", "name"),
        ("X,,Navn,other,unit,,,maybe", "active"),
        ("X,,Navn 010190-1234,other,unit,,,1", "CPR"),
    ],
)
def test_bad_rows_name_the_problem(db, line, words):
    result = run(line)
    assert result.errors[0].row == 2 and words in result.errors[0].message
    assert not Organisation.objects.exists()


def test_a_sor_code_of_another_unit_is_a_row_error(db):
    OrganisationFactory(external_id="OTHER", sor_code="1111")
    result = run(REGION, HOSPITAL)
    assert [e.row for e in result.errors] == [3]


def test_bad_rows_can_be_skipped_and_their_children_are_skipped_too(db):
    result = run(
        REGION, "BAD,RN,Bad,planet,unit,,,1", "CHILD,BAD,Child,region,unit,,,1", skip_bad_rows=True
    )
    assert result.applied
    assert list(Organisation.objects.values_list("external_id", flat=True)) == ["RN"]
