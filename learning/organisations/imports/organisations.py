"""Organisation import: one row per unit, with its parent, keyed by the unit's external id.

Parents may be earlier or later in the file, or already in the tree (matched by external id or
SOR code). A full import deactivates units with an external id that is no longer in the file
(within ``root`` if given); units are never deleted, because assignments and history point at them.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Organisation, OrganisationKind, Sector
from .reading import looks_like_cpr, read_rows, require_columns
from .result import ImportResult, RowError

REQUIRED_COLUMNS = ["org_id", "name", "sector", "kind"]
TRUE_WORDS = {"", "1", "true", "ja", "yes", "aktiv", "active"}
FALSE_WORDS = {"0", "false", "nej", "no", "inaktiv", "inactive"}


@dataclass
class _Row:
    number: int
    org_id: str
    parent_key: str
    fields: dict


def import_organisations(
    fileobj, filename, *, dry_run=False, full=False, root=None, skip_bad_rows=False
):
    """Read, validate, plan and (unless a dry run or bad rows stop it) apply an organisation file.

    Loads the whole tree once (a few thousand rows); writes one row at a time in one transaction
    because treebeard computes paths as it inserts.
    """
    headers, raw_rows = read_rows(fileobj, filename)
    require_columns(headers, REQUIRED_COLUMNS)
    result = ImportResult(dry_run=dry_run)
    existing = {o.external_id: o for o in Organisation.objects.exclude(external_id=None)}
    by_sor = {o.sor_code: o for o in Organisation.objects.exclude(sor_code=None)}
    by_path = {o.path: o for o in Organisation.objects.all()}
    rows = _validate(raw_rows, result, existing, by_sor)
    ordered = _order(rows, result, existing, by_sor)
    plan = _plan_rows(ordered, result, existing, by_sor, by_path)
    if full:
        plan += _plan_deactivations(rows, result, existing, root)
    if dry_run or (result.errors and not skip_bad_rows):
        return result
    with transaction.atomic():
        _apply(plan)
    result.applied = True
    return result


def _plan_rows(ordered, result, existing, by_sor, by_path):
    """[("create" | "update", row)] for the rows that add a unit or change one (its fields or
    its parent). A row that would move a unit below itself is refused."""
    plan = []
    for row in ordered:
        node = existing.get(row.org_id)
        if node is None:
            plan.append(("create", row))
            result.created.append(_("unit %(id)s") % {"id": row.org_id})
            continue
        parent = _resolve_parent(row.parent_key, existing, by_sor)
        moved = _moves(node, parent, by_path)
        if moved and isinstance(parent, Organisation) and parent.path.startswith(node.path):
            result.errors.append(RowError(row.number, _("A unit cannot move below itself.")))
            continue
        changed = [name for name, value in row.fields.items() if getattr(node, name) != value]
        if changed or moved:
            plan.append(("update", row))
            result.updated.append(
                _("unit %(id)s: %(fields)s")
                % {
                    "id": row.org_id,
                    "fields": ", ".join(changed + (["parent"] if moved else [])),
                }
            )
    return plan


def _moves(node, parent, by_path):
    """Whether ``node`` gets another parent: ``parent`` is a unit, the external id of a unit
    this same file creates, or None (a root)."""
    current_parent = by_path.get(node.path[: -Organisation.steplen])
    if parent is None:
        return current_parent is not None
    if isinstance(parent, str):
        return True
    return current_parent is None or current_parent.pk != parent.pk


def _plan_deactivations(rows, result, existing, root):
    """A full import: [("deactivate", unit)] for active units under ``root`` the file no longer
    holds."""
    seen = {row.org_id for row in rows}
    root_path = root.path if root is not None else ""
    plan = []
    for external_id, node in existing.items():
        if external_id not in seen and node.is_active and node.path.startswith(root_path):
            plan.append(("deactivate", node))
            result.ended.append(_("unit %(id)s") % {"id": external_id})
    return plan


def _validate(raw_rows, result, existing, by_sor):
    rows, seen_ids, seen_sor = [], set(), {}
    for number, values in raw_rows:

        def bad(message, number=number):
            result.errors.append(RowError(number, message))

        org_id = values.get("org_id", "")
        if any(looks_like_cpr(v) for v in values.values()):
            bad(_("A value looks like a CPR number; CPR numbers are never imported."))
            continue
        if not org_id or not values.get("name"):
            bad(_("org_id and name are required."))
            continue
        if org_id in seen_ids:
            bad(_("org_id %(id)r appears on an earlier row.") % {"id": org_id})
            continue
        if values.get("sector") not in Sector.values:
            bad(_("sector must be one of: %(values)s.") % {"values": ", ".join(Sector.values)})
            continue
        if values.get("kind") not in OrganisationKind.values:
            bad(
                _("kind must be one of: %(values)s.")
                % {"values": ", ".join(OrganisationKind.values)}
            )
            continue
        active = values.get("active", "").lower()
        if active not in TRUE_WORDS | FALSE_WORDS:
            bad(_("active must be 1 or 0."))
            continue
        sor_code = values.get("sor_code") or None
        owner = by_sor.get(sor_code) if sor_code else None
        if sor_code and (
            (owner is not None and owner.external_id != org_id)
            or seen_sor.get(sor_code, org_id) != org_id
        ):
            bad(_("sor_code %(sor)s belongs to another unit.") % {"sor": sor_code})
            continue
        if values.get("parent_id") == org_id:
            bad(_("A unit cannot be its own parent."))
            continue
        seen_ids.add(org_id)
        if sor_code:
            seen_sor[sor_code] = org_id
        rows.append(
            _Row(
                number,
                org_id,
                values.get("parent_id", ""),
                {
                    "name": values["name"],
                    "sector": values["sector"],
                    "kind": values["kind"],
                    "sor_code": sor_code,
                    "municipality_code": values.get("municipality_code", ""),
                    "is_active": active not in FALSE_WORDS,
                },
            )
        )
    return rows


def _resolve_parent(key, existing, by_sor):
    """An existing Organisation, the org_id of a row in this file (a str), or None for a root."""
    if not key:
        return None
    return existing.get(key) or by_sor.get(key) or key


def _order(rows, result, existing, by_sor):
    """Rows with parents before children; rows whose parent is unknown or in a cycle are bad."""
    in_file = {row.org_id: row for row in rows}
    ordered, state = [], {}  # state: 1 = visiting, 2 = done, 3 = bad

    def visit(row):
        if state.get(row.org_id) == 2:
            return True
        if state.get(row.org_id) in (1, 3):
            return False
        state[row.org_id] = 1
        key = row.parent_key
        ok = True
        if key and key in in_file:
            ok = visit(in_file[key])
        elif key and key not in existing and key not in by_sor:
            result.errors.append(RowError(row.number, _("Unknown parent_id %(id)r.") % {"id": key}))
            state[row.org_id] = 3
            return False
        if not ok:
            result.errors.append(RowError(row.number, _("The parent row is bad or forms a loop.")))
            state[row.org_id] = 3
            return False
        state[row.org_id] = 2
        ordered.append(row)
        return True

    for row in rows:
        visit(row)
    result.errors.sort(key=lambda error: error.row)
    return ordered


def _apply(plan):
    ids = dict(Organisation.objects.exclude(external_id=None).values_list("external_id", "pk"))
    for action, item in plan:
        if action == "deactivate":
            Organisation.objects.filter(pk=item.pk).update(is_active=False)
            continue
        row = item
        # Fetch afresh: inserts and moves rewrite paths, so in-memory nodes go stale.
        parent = _fresh_parent(row.parent_key, ids)
        if action == "create":
            node = Organisation(external_id=row.org_id, **row.fields)
            node = (
                parent.add_child(instance=node) if parent else Organisation.add_root(instance=node)
            )
            ids[row.org_id] = node.pk
            continue
        node = Organisation.objects.get(pk=ids[row.org_id])
        for name, value in row.fields.items():
            setattr(node, name, value)
        node.save()
        current_parent = node.get_parent(update=True)
        if parent is None and current_parent is not None:
            node.move(Organisation.get_last_root_node(), "last-sibling")
        elif parent is not None and (current_parent is None or current_parent.pk != parent.pk):
            node.move(parent, "last-child")


def _fresh_parent(key, ids):
    if not key:
        return None
    if key in ids:
        return Organisation.objects.get(pk=ids[key])
    return Organisation.objects.get(sor_code=key)
