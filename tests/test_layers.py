"""The apps' layers (docs/architecture.md, "Layers"): an app imports only from its own layer and
the layers below it, so no import cycle can form between apps.

The graph is read from the source with ``ast``, imports inside functions included: an import
moved into a function to dodge a cycle is still a dependency. ``KNOWN`` lists upward imports
allowed for a stated reason (none since issue 19); none may be added, and a pair that is gone
must leave the list too, so the list only ever shrinks. A lower app that needs a higher one's
pieces asks a registry the higher app fills from its ``AppConfig.ready()``.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. An app may import from its own layer and any layer below it.
LAYERS = [
    # Modules of the learning package itself that every app may use (learning/spreadsheets.py,
    # learning/admin_policies.py).
    ["learning.spreadsheets", "learning.admin_policies"],
    ["learning.accounts"],
    ["learning.organisations"],
    ["learning.xapi"],
    ["learning.competences", "learning.video"],
    ["quizzes"],
    ["learning.progress"],
    ["learning.reports", "learning.sso", "learning.packages"],
    ["cms"],
]

# (importer, imported): upward imports allowed for now. Empty since issue 19; an entry needs a
# stated reason, and the list may only shrink.
KNOWN = set()

RANK = {app: rank for rank, apps in enumerate(LAYERS) for app in apps}


def app_of(module):
    parts = module.split(".")
    if parts[0] == "learning" and len(parts) > 1:
        return f"learning.{parts[1]}"
    return parts[0] if parts[0] in ("cms", "quizzes") else None


def imported_modules(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.lineno, node.module


def upward_imports():
    """{(importer app, imported app): ["path:line", ...]} for imports that go up a layer."""
    found = defaultdict(list)
    for path in sorted(ROOT.glob("[cl]*/**/*.py")) + sorted(ROOT.glob("quizzes/**/*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts:
            continue
        importer = app_of(".".join(relative.with_suffix("").parts))
        if importer is None:
            continue
        for line, module in imported_modules(ast.parse(path.read_text(), str(path))):
            imported = app_of(module)
            if imported and imported != importer and RANK[imported] > RANK[importer]:
                found[(importer, imported)].append(f"{relative}:{line}")
    return found


def test_every_app_has_a_layer():
    apps = {
        app_of(".".join(p.relative_to(ROOT).parent.parts)) for p in ROOT.glob("learning/*/apps.py")
    } | {"cms", "quizzes"}
    assert apps <= set(RANK), f"apps without a layer: {sorted(apps - set(RANK))}"


def test_no_new_import_goes_up_a_layer():
    found = upward_imports()
    new = {pair: places for pair, places in found.items() if pair not in KNOWN}
    assert not new, f"imports that go up a layer (docs/architecture.md, Layers): {new}"


def test_the_list_of_known_upward_imports_only_shrinks():
    gone = KNOWN - set(upward_imports())
    assert not gone, f"no longer imported upward, remove from KNOWN: {sorted(gone)}"
