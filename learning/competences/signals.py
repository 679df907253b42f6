"""Signals the competences app sends.

``person_viewed(sender, viewer, person_ids, what)``: ``viewer`` was shown these people's
competence records. The reports app keeps the access log (``AccessLog``) and receives it
(``learning/reports/apps.py``); it sits above competences, so competences announces the view
rather than writing the log itself.
"""

from django.dispatch import Signal

person_viewed = Signal()
