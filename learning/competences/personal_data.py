"""What the competences app holds about a person, for "My data" and erasure
(``learning.accounts.personal_data``)."""

from django.utils.translation import gettext_lazy as _

from learning.accounts import personal_data

from .models import CompetenceRecord


def competence_records(user):
    return [
        {
            "competence": r.competence.code,
            "competence_name": r.competence.name,
            "level": r.level,
            "achieved_at": r.achieved_at,
            "valid_until": r.valid_until,
            "evidence": r.evidence,
            "note": r.note,
            "statement_id": r.statement_id,
        }
        for r in CompetenceRecord.objects.filter(user=user).select_related("competence")
    ]


def erase(person, today, now):
    return {"competence_records": CompetenceRecord.objects.filter(user=person).delete()[0]}


def register():
    personal_data.register_export("competence_records", _("Competence records"), competence_records)
    personal_data.register_eraser(erase)
    personal_data.register_rows_about(CompetenceRecord, "user")
