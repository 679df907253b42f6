"""The Wagtail admin form for units: the parent is a field; saving places the node in the tree."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Organisation


class UnitChoiceField(forms.ModelChoiceField):
    """Units named with their parents ("Hjørring Kommune › Hjemmeplejen"), in tree order: every
    municipality has a "Hjemmeplejen", and eleven identical names could not be told apart."""

    def __init__(self, *args, **kwargs):
        super().__init__(Organisation.objects.order_by("path"), *args, **kwargs)
        self._names = None

    def label_from_instance(self, obj):
        if self._names is None:  # one query for the whole list, however long
            self._names = dict(Organisation.objects.values_list("path", "name"))
        steps = range(Organisation.steplen, len(obj.path) + 1, Organisation.steplen)
        return " › ".join(self._names.get(obj.path[:end], "?") for end in steps)


class OrganisationForm(WagtailAdminModelForm):
    parent = UnitChoiceField(
        required=False,
        label=_("Parent unit"),
        help_text=_("Leave empty for a top-level organisation."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "sector",
            "kind",
            "sor_code",
            "municipality_code",
            "external_id",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            # A unit cannot move below itself.
            self.fields["parent"].queryset = Organisation.objects.exclude(
                path__startswith=self.instance.path
            )

    def save(self, commit=True):
        node, parent = self.instance, self.cleaned_data.get("parent")
        if node.pk is None:
            return (
                parent.add_child(instance=node) if parent else Organisation.add_root(instance=node)
            )
        node.save()
        current = node.get_parent(update=True)
        if parent is None and current is not None:
            node.move(Organisation.get_last_root_node(), "last-sibling")
        elif parent is not None and (current is None or current.pk != parent.pk):
            node.move(parent, "last-child")
        node.refresh_from_db()
        return node
