"""``{% data_table %}``: the one markup for a data table, used by every table page.

    {% data_table "staff" caption css="data-table--sticky" %}
        <thead>...</thead><tbody>...</tbody>
    {% enddata_table %}

gives the table inside a keyboard-focusable scroll region named by the caption
(``includes/data_table.html``). On a phone the table scrolls sideways inside that region, with
its first column (the row headers) kept in view, and the page itself never scrolls sideways.
"""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_block_tag(end_name="enddata_table")
def data_table(content, table_id, caption, css=""):
    return render_to_string(
        "includes/data_table.html",
        {"table_id": table_id, "caption": caption, "css": css, "body": content},
    )
