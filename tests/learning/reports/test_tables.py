"""Report cells render as the screen shows them, escaped."""

from learning.reports.tables import Cell


def test_a_cell_escapes_its_text():
    assert Cell("<b>Bo & Co</b>").html == "<td>&lt;b&gt;Bo &amp; Co&lt;/b&gt;</td>"


def test_a_row_header_is_a_th_with_row_scope_and_its_link():
    cell = Cell("Ida", header=True, href="/rapporter/person/7/?a=1&b=2")
    assert cell.html == '<th scope="row"><a href="/rapporter/person/7/?a=1&amp;b=2">Ida</a></th>'


def test_a_status_cell_carries_its_class_and_an_empty_cell_a_dash():
    assert Cell("Udløbet", css="status--expired").html == '<td class="status--expired">Udløbet</td>'
    assert Cell(None).html == "<td>–</td>"
