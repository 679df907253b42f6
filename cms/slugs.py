"""Danish slugs: æ → ae, ø → oe, å → aa, as Danes write them without the letters.

Wagtail's slug field (and Django's slugify) drop ø and æ and turn å into a, so "Hvorfor digital
først" became /hvorfor-digital-frst/. Page forms use ``DanishSlugFormMixin``: a slug that is just
the automatic one for the title is replaced with the Danish one; a slug the educator wrote
stays as written.

Autosave posts the form as it stands, often before the admin script has filled in the slug (a
pasted or dictated title fires no key events). The slug is therefore not required: an empty one
is made from the title, so the first autosave makes the draft and switches the form to editing
it, instead of answering 400 until a later save (or the educator's own click) creates the page
while an autosave may do the same. A slug that a sibling has is still refused, so nothing is
ever created twice.
"""

import re

from django.utils.text import slugify

DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
# What Wagtail's admin script makes of the letters when it fills in the slug as you type.
URLIFY_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def danish_slug(title):
    return slugify(title.translate(DANISH_LETTERS))


def automatic_slugs(title):
    """Slugs that Wagtail or Django would have made from ``title`` by themselves."""
    return {
        slugify(title),
        slugify(title, allow_unicode=True),
        slugify(title.translate(URLIFY_LETTERS)),
        re.sub(r"-+", "-", slugify(title)),
    }


def slug_for(title, slug):
    """The slug a page form keeps: the Danish one unless the educator wrote her own."""
    if title and (not slug or slug in automatic_slugs(title)):
        return danish_slug(title)
    return slug


class DanishSlugFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        return slug_for(self.cleaned_data.get("title") or "", self.cleaned_data.get("slug") or "")
