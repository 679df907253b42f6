"""The seam between the statement log and the tables read from it (progress, quiz results,
competence records).

A projection is a function ``fn(statements)`` taking the list of ``Statement`` rows just stored
(``statement.data`` is the stored JSON). The store calls every registered projection inside the
transaction that inserts the statements, so a projection that raises rolls the whole batch back
and the log and its projections never disagree. Duplicates of already-stored statements are not
passed again. Register from an ``AppConfig.ready()``::

    from learning.xapi import projections
    projections.register(update_progress, reset=clear_progress)

``reset()`` empties the projection's tables. ``manage.py rebuild_progress`` calls every reset
and then replays the whole log (non-voided statements, in ``stored`` order) through every
``fn``, so a projection must give the same state whether it sees statements live or replayed.
A projection registered without ``reset`` is replayed without being emptied first.
"""

_registry = []
_resets = {}


def register(fn=None, *, reset=None):
    """Add a projection, with an optional ``reset`` callable; returns ``fn``, so this also
    works as a decorator (``@register`` or ``@register(reset=...)``). Idempotent."""
    if fn is None:
        return lambda inner: register(inner, reset=reset)
    if fn not in _registry:
        _registry.append(fn)
    if reset is not None:
        _resets[fn] = reset
    return fn


def unregister(fn):
    if fn in _registry:
        _registry.remove(fn)
    _resets.pop(fn, None)


def registered():
    return tuple(_registry)


def resets():
    """The reset callables, in registration order of their projections."""
    return tuple(_resets[fn] for fn in _registry if fn in _resets)


def run(statements):
    """Call each projection with the newly stored statements (whatever queries they make)."""
    if not statements:
        return
    for fn in tuple(_registry):
        fn(statements)
