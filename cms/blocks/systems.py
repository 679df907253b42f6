""" "In your system" tabs: the national workflow is the same, the screens differ per system
(DOMAIN.md §6), so a lesson shows the steps for each sector's system side by side.

Rendered as disclosure widgets (<details>): they work with the keyboard and screen readers and
need no JavaScript.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .content import SHORT_FEATURES

SYSTEMS = [
    ("nordepj", _("NordEPJ (hospitals)")),
    ("municipal", _("The municipal care record (Nexus, Cura)")),
    ("gp", _("The GP system")),
]


class SystemTabValue(blocks.StructValue):
    def system_label(self):
        return dict(SYSTEMS).get(self.get("system"), self.get("system"))


class SystemTabBlock(blocks.StructBlock):
    system = blocks.ChoiceBlock(label=_("System"), choices=SYSTEMS)
    text = blocks.RichTextBlock(label=_("How to do it in this system"), features=SHORT_FEATURES)

    class Meta:
        icon = "desktop"
        value_class = SystemTabValue


class SystemTabsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), required=False, max_length=120, default="Sådan gør du i dit system"
    )
    tabs = blocks.ListBlock(SystemTabBlock(), label=_("Systems"), min_num=1)

    class Meta:
        icon = "desktop"
        label = _("In your system")
        template = "blocks/system_tabs.html"
        description = _(
            "The same task shown per sector system: NordEPJ, the municipal record, the GP system."
        )
        preview_value = {
            "heading": "Sådan gør du i dit system",
            "tabs": [
                {"system": "nordepj", "text": "<p>Vælg Kommunikation → Ny meddelelse.</p>"},
                {"system": "municipal", "text": "<p>Åbn borgerens sag → Korrespondance.</p>"},
            ],
        }
