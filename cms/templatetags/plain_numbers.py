"""Numbers for machines inside HTML: SVG coordinates, ``data-`` attributes, ``<input>`` values.

Django localises every number a template prints, so in Danish 110.5 becomes "110,5", which an
SVG coordinate or a script reading a data attribute cannot parse (a comma separates list items
there). ``{{ value|plain }}`` prints the number the way Python and JavaScript read it, whatever
the language. Text shown to people keeps the localised form.
"""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def plain(value):
    """``value`` as a locale-free number ("110.5", "-6", "0"); anything else as text."""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, float):
        # repr gives the shortest form that reads back as the same float, with a dot.
        return repr(value)
    return "" if value is None else str(value)
