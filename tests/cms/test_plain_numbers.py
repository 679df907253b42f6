"""Numbers meant for machines (SVG coordinates, data attributes) are never localised."""

import datetime
import re
from decimal import Decimal

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from learning.reports.charts import BOTTOM, HEIGHT, TOP, line_chart
from learning.reports.coverage import Counts


def render(source, **context):
    return Template("{% load plain_numbers %}" + source).render(Context(context))


def test_plain_prints_numbers_with_a_dot_and_no_grouping_in_danish():
    with translation.override("da"):
        # The localised form for comparison: Danish writes a decimal comma.
        assert render("{{ x }}", x=110.5) == "110,5"
        assert render("{{ x|plain }}", x=110.5) == "110.5"
        assert render("{{ x|plain }}", x=1234567) == "1234567"
        assert render("{{ x|plain }}", x=Decimal("0.75")) == "0.75"
        assert render("{{ x|plain }}", x=-6) == "-6"
        assert render("{{ x|plain }}", x=None) == ""


def test_the_trend_chart_draws_each_point_where_its_number_says_in_danish():
    chart = line_chart([("01/2026", 0), ("02/2026", 50), ("03/2026", 100), ("04/2026", 57)])
    with translation.override("da"):
        html = render_to_string(
            "reports/includes/trend.html",
            {"months": [(datetime.date(2026, 1, 1), Counts())], "chart": chart},
        )
    circles = re.findall(
        r'<circle cx="([^"]+)" cy="([^"]+)" r="4" class="chart__point" '
        r'data-value="([^"]+)"',
        html,
    )
    assert len(circles) == 4
    inner = HEIGHT - TOP - BOTTOM
    xs = []
    for cx, cy, value in circles:
        xs.append(float(cx))  # would raise on "110,0"
        assert float(cy) == round(TOP + inner * (100 - int(value)) / 100, 1)
    assert xs == sorted(xs) and len(set(xs)) == 4
    assert "," not in re.search(r'viewBox="([^"]+)"', html).group(1)
    for y in re.findall(r'<line [^>]*y1="([^"]+)"', html):
        float(y)
