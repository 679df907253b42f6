"""The seam between the statement log and the tables read from it (progress, quiz results,
competence records).

A projection is a function ``fn(statements)`` taking the list of ``Statement`` rows just stored
(``statement.data`` is the stored JSON). The store calls every registered projection inside the
transaction that inserts the statements, so a projection that raises rolls the whole batch back
and the log and its projections never disagree. Duplicates of already-stored statements are not
passed again. Register from an ``AppConfig.ready()``::

    from learning.xapi import projections
    projections.register(update_progress)
"""

_registry = []


def register(fn):
    """Add a projection; returns it, so this also works as a decorator. Idempotent."""
    if fn not in _registry:
        _registry.append(fn)
    return fn


def unregister(fn):
    if fn in _registry:
        _registry.remove(fn)


def registered():
    return tuple(_registry)


def run(statements):
    """Call each projection with the newly stored statements (whatever queries they make)."""
    if not statements:
        return
    for fn in tuple(_registry):
        fn(statements)
