"""Roster import: idempotence, dry run, bad rows, leavers, CPR refusal, XLSX."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from learning.accounts.factories import UserFactory
from learning.organisations.factories import (
    JobAssignmentFactory,
    JobRoleFactory,
    OrganisationFactory,
    StaffProfileFactory,
)
from learning.organisations.imports import ImportFileError, import_roster
from learning.organisations.models import AssignmentSource, JobAssignment, StaffProfile

TODAY = datetime.date(2026, 3, 2)
HEADER = "person_id,first_name,last_name,email,unit_id,role_code,start_date\n"


@pytest.fixture
def units(db):
    municipality = OrganisationFactory(name="Hjørring Kommune", external_id="HJK")
    home_nursing = OrganisationFactory(
        parent=municipality, name="Hjemmesygeplejen", external_id="HJK-HSP", sor_code="123456789012"
    )
    home_care = OrganisationFactory(parent=municipality, name="Hjemmeplejen", external_id="HJK-HP")
    other = OrganisationFactory(name="Brønderslev Kommune", external_id="BRK")
    JobRoleFactory(code="SYG", name="Sygeplejerske")
    JobRoleFactory(code="SSH", name="Social- og sundhedshjælper")
    return {"root": municipality, "hsp": home_nursing, "hp": home_care, "other": other}


def csv_file(*lines):
    return io.BytesIO((HEADER + "".join(line + "\n" for line in lines)).encode())


def run(*lines, **options):
    return import_roster(csv_file(*lines), "roster.csv", today=TODAY, **options)


METTE = "P1,Mette,Nielsen,mette.n@example.org,HJK-HSP,SYG,2021-03-01"
ANDERS = "P2,Anders,Jensen,anders@example.org,HJK-HP,SSH,"


def test_import_creates_people_profiles_and_assignments(units):
    result = run(METTE, ANDERS)
    assert result.applied and not result.errors
    assignment = JobAssignment.objects.get(user__staff_profile__external_id="P1")
    assert (assignment.unit, assignment.role.code, assignment.starts_on) == (
        units["hsp"],
        "SYG",
        datetime.date(2021, 3, 1),
    )
    assert assignment.source == AssignmentSource.IMPORT


def test_a_missing_start_date_means_the_import_day(units):
    run(ANDERS)
    assert JobAssignment.objects.get(user__staff_profile__external_id="P2").starts_on == TODAY


def test_imported_people_have_an_unusable_password(units):
    run(METTE)
    assert not get_user_model().objects.get(email="mette.n@example.org").has_usable_password()


def test_importing_the_same_file_twice_changes_nothing(units):
    run(METTE, ANDERS)
    before = list(JobAssignment.objects.values_list("id", "starts_on", "ends_on"))
    second = run(METTE, ANDERS, full=True)
    assert (second.created, second.updated, second.ended) == ([], [], [])
    assert list(JobAssignment.objects.values_list("id", "starts_on", "ends_on")) == before


def test_a_dry_run_reports_changes_and_writes_nothing(units):
    result = run(METTE, ANDERS, dry_run=True)
    assert len(result.created) == 4  # two people, two assignments
    assert not result.applied
    assert not StaffProfile.objects.exists() and not JobAssignment.objects.exists()


def test_a_unit_can_be_given_by_its_sor_code(units):
    run("P1,Mette,Nielsen,mette.n@example.org,123456789012,SYG,")
    assert JobAssignment.objects.get().unit == units["hsp"]


def test_a_changed_name_updates_the_person(units):
    run(METTE)
    result = run(METTE.replace("Nielsen", "Madsen"))
    assert len(result.updated) == 1
    assert get_user_model().objects.get(email="mette.n@example.org").last_name == "Madsen"


def test_a_changed_start_date_updates_the_assignment(units):
    run(METTE)
    run(METTE.replace("2021-03-01", "2020-01-01"))
    assert JobAssignment.objects.get().starts_on == datetime.date(2020, 1, 1)


def test_a_full_import_ends_leavers_without_deleting_them(units):
    run(METTE, ANDERS)
    result = run(METTE, full=True)
    assert len(result.ended) == 1
    leaver = JobAssignment.objects.get(user__staff_profile__external_id="P2")
    assert leaver.ends_on == TODAY - datetime.timedelta(days=1)
    assert get_user_model().objects.filter(email="anders@example.org").exists()


def test_a_partial_import_ends_nobody(units):
    run(METTE, ANDERS)
    result = run(METTE)
    assert result.ended == []
    assert JobAssignment.objects.filter(ends_on__isnull=True).count() == 2


def test_a_full_import_leaves_assignments_outside_its_root_alone(units):
    run(METTE, "P3,Bo,Berg,bo@example.org,BRK,SYG,")
    run(METTE, full=True, root=units["root"])
    assert JobAssignment.objects.get(unit=units["other"]).ends_on is None


def test_a_full_import_leaves_manual_assignments_alone(units):
    manual = JobAssignmentFactory(unit=units["hp"], source=AssignmentSource.MANUAL)
    run(METTE, full=True)
    manual.refresh_from_db()
    assert manual.ends_on is None


def test_a_move_ends_the_old_assignment_and_creates_the_new(units):
    run(METTE)
    result = run(METTE.replace("HJK-HSP", "HJK-HP"), full=True)
    assert (len(result.created), len(result.ended)) == (1, 1)


def test_a_person_with_two_assignments_keeps_both(units):
    run(METTE, "P1,Mette,Nielsen,mette.n@example.org,BRK,SYG,")
    assert JobAssignment.objects.filter(user__email="mette.n@example.org").count() == 2


def test_bad_rows_are_reported_with_row_numbers_and_nothing_is_applied(units):
    result = run(METTE, "P9,X,Y,x@example.org,NOWHERE,SYG,", "P8,X,Y,y@example.org,HJK-HP,PILOT,")
    assert [(e.row, "NOWHERE" in e.message or "PILOT" in e.message) for e in result.errors] == [
        (3, True),
        (4, True),
    ]
    assert not result.applied
    assert not JobAssignment.objects.exists()


def test_bad_rows_can_be_skipped(units):
    result = run(METTE, "P9,X,Y,x@example.org,NOWHERE,SYG,", skip_bad_rows=True)
    assert result.applied and len(result.errors) == 1
    assert JobAssignment.objects.count() == 1


def test_a_bad_row_protects_the_person_from_being_ended_in_a_full_import(units):
    run(METTE, ANDERS)
    run(METTE, "P2,Anders,Jensen,anders@example.org,NOWHERE,SSH,", full=True, skip_bad_rows=True)
    assert JobAssignment.objects.get(user__staff_profile__external_id="P2").ends_on is None


@pytest.mark.parametrize("value", ["010190-1234", "0101901234", "311299-4321"])
def test_a_cpr_number_in_any_column_is_a_row_error(units, value):
    result = run(f"P1,Mette,{value},mette.n@example.org,HJK-HSP,SYG,")
    assert result.errors[0].row == 2 and "CPR" in result.errors[0].message
    assert not get_user_model().objects.filter(last_name=value).exists()


def test_a_cpr_column_rejects_the_whole_file(units):
    data = io.BytesIO(b"person_id,cpr,unit_id,role_code\nP1,x,HJK-HSP,SYG\n")
    with pytest.raises(ImportFileError):
        import_roster(data, "roster.csv", today=TODAY)


def test_a_file_without_required_columns_is_refused(units):
    with pytest.raises(ImportFileError):
        import_roster(io.BytesIO(b"name,unit\nMette,HJK\n"), "roster.csv")


def test_another_file_type_is_refused(units):
    with pytest.raises(ImportFileError):
        import_roster(io.BytesIO(b"%PDF-1.4"), "roster.pdf")


def test_a_new_person_without_email_is_a_row_error(units):
    result = run("P1,Mette,Nielsen,,HJK-HSP,SYG,")
    assert result.errors[0].row == 2


def test_two_people_with_one_email_is_a_row_error(units):
    result = run(METTE, "P2,Anders,Jensen,mette.n@example.org,HJK-HP,SSH,")
    assert [e.row for e in result.errors] == [3]


def test_an_existing_account_is_linked_by_email(units):
    existing = UserFactory(email="mette.n@example.org")
    run(METTE)
    assert StaffProfile.objects.get(external_id="P1").user == existing
    assert existing.has_usable_password()


def test_an_email_taken_by_another_person_id_is_a_row_error(units):
    StaffProfileFactory(external_id="P77", user=UserFactory(email="mette.n@example.org"))
    result = run(METTE)
    assert result.errors and result.errors[0].row == 2


def test_a_semicolon_separated_windows_file_is_read(units):
    text = HEADER.replace(",", ";") + "P1;Søren;Ågård;soren@example.org;HJK-HSP;SYG;01-03-2021\n"
    import_roster(io.BytesIO(text.encode("cp1252")), "roster.csv", today=TODAY)
    person = get_user_model().objects.get(email="soren@example.org")
    assert (person.first_name, person.last_name) == ("Søren", "Ågård")


def xlsx_bytes(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_an_xlsx_roster_is_imported_with_real_dates(units):
    data = xlsx_bytes(
        [
            HEADER.strip().split(","),
            [
                "P1",
                "Mette",
                "Nielsen",
                "mette.n@example.org",
                "HJK-HSP",
                "SYG",
                datetime.datetime(2021, 3, 1),
            ],
        ]
    )
    result = import_roster(data, "roster.xlsx", today=TODAY)
    assert result.applied
    assert JobAssignment.objects.get().starts_on == datetime.date(2021, 3, 1)


def test_an_xlsx_with_a_bad_row_reports_its_row_number(units):
    data = xlsx_bytes(
        [
            HEADER.strip().split(","),
            ["P1", "Mette", "Nielsen", "mette.n@example.org", "HJK-HSP", "SYG", None],
            ["P2", "Bo", "B", "bo@example.org", "HJK-HSP", "NOPE", None],
        ]
    )
    assert [e.row for e in import_roster(data, "roster.xlsx", today=TODAY).errors] == [3]


def test_a_file_that_is_not_really_xlsx_is_refused(units):
    with pytest.raises(ImportFileError):
        import_roster(io.BytesIO(b"not a zip"), "roster.xlsx")


def test_the_command_refuses_to_apply_a_file_with_bad_rows(units, tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_file(METTE, "P9,X,Y,x@example.org,NOWHERE,SYG,").getvalue())
    with pytest.raises(CommandError):
        call_command("import_roster", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert not JobAssignment.objects.exists()


def test_the_command_imports_the_documented_example(units, settings):
    call_command(
        "import_organisations",
        str(settings.BASE_DIR / "docs/examples/organisations.csv"),
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    call_command("import_roster", str(settings.BASE_DIR / "docs/examples/roster.csv"), stdout=out)
    assert "applied: 7 created" in out.getvalue()  # three people and four assignments
    assert JobAssignment.objects.filter(user__staff_profile__external_id="H100003").count() == 2


def test_a_row_with_several_mistakes_reports_every_one_and_applies_nothing(units):
    result = run(METTE, "P9,Bo,Berg,not-an-address,HJK-XX,NOPE,2025-13-40")
    messages = [error.message for error in result.errors]
    assert {error.row for error in result.errors} == {3}
    assert len(messages) == 4, messages
    assert any("HJK-XX" in m for m in messages) and any("NOPE" in m for m in messages)
    assert any("start_date" in m for m in messages) and any("not-an-address" in m for m in messages)
    assert result.bad_rows == 1 and not result.applied
    assert not JobAssignment.objects.exists()
