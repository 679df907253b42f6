"""Danish slugs: æ → ae, ø → oe, å → aa, as Danes write them without the letters.

Wagtail's slug field (and Django's slugify) drop ø and æ and turn å into a, so "Hvorfor digital
først" became /hvorfor-digital-frst/. Page forms use ``DanishSlugFormMixin``: a slug that is just
the automatic one for the title is replaced with the Danish one; a slug the educator wrote
stays as written.

Autosave cannot make a slug conflict. It posts the form as it stands, often before the admin
script has filled in the slug (a pasted title fires no key events): the slug is therefore not
required, and an empty one is made from the title, so the autosave succeeds instead of answering
400 while the educator goes on writing. An automatic slug that a sibling already has (a second
lesson of the same title, or a create posted again after a draft was made) gets a number, as
Wagtail's own "copy" does; only a slug the educator wrote can be refused as taken.
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


def free_slug(slug, parent, page):
    """``slug``, or ``slug-2``, ``slug-3``, … : the first that no other child of ``parent`` has."""
    if parent is None:
        return slug
    siblings = parent.get_children().exclude(pk=page.pk) if page.pk else parent.get_children()
    taken = set(siblings.filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


class DanishSlugFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        title = self.cleaned_data.get("title") or ""
        if title and (not slug or slug in automatic_slugs(title)):
            parent = getattr(self, "parent_page", None)
            if parent is None and self.instance.pk:
                parent = self.instance.get_parent()
            return free_slug(danish_slug(title), parent, self.instance)
        return slug
