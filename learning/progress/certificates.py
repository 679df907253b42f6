"""Certificates: issued when a course or video guide is completed, rendered as PDF on demand,
verified publicly by code.

The PDF is drawn with reportlab (pure Python wheels, no system libraries), never stored: it is
always rendered from the certificate row, so a revoked certificate cannot be re-downloaded.
"""

import io

from django.contrib.contenttypes.models import ContentType
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from learning.competences.models import CompetenceRecord, Evidence
from learning.competences.records import record_competence

from .models import Certificate


def award(enrolment, page, at, *, statement_id=None):
    """Issue (or find) the certificate for a completed enrolment and record each competence the
    page awards, once per certificate (a replay of the log adds nothing). A few queries per
    competence."""
    certificate, _created = Certificate.objects.get_or_create(
        user=enrolment.user,
        page_id=page.pk,
        registration=enrolment.registration,
        defaults={"title": page.title, "issued_at": at},
    )
    if certificate.withdrawn_at is not None:
        # Completed again after the evidence of the first completion was voided.
        certificate.withdrawn_at = certificate.revoked_at = None
        certificate.issued_at = at
        certificate.save(update_fields=["withdrawn_at", "revoked_at", "issued_at"])
    recorded = CompetenceRecord.objects.filter(
        source_type=ContentType.objects.get_for_model(Certificate), source_id=str(certificate.pk)
    )
    if recorded.exists():
        return certificate
    until = []
    for competence, level in page.awarded():
        competence_record = record_competence(
            enrolment.user,
            competence,
            level,
            Evidence.COURSE,
            achieved_at=at,
            source=certificate,
            statement_id=statement_id,
        )
        if competence_record.valid_until:
            until.append(competence_record.valid_until)
    if until:
        certificate.valid_until = min(until)
        certificate.save(update_fields=["valid_until"])
    return certificate


def withdraw(enrolment, page):
    """The completion of ``enrolment`` no longer stands (its evidence was voided): withdraw the
    certificate (the verification page says so) and delete the competence records it made.
    Uses the server's clock: the withdrawal happens now."""
    certificate = Certificate.objects.filter(
        user=enrolment.user, page_id=page.pk, registration=enrolment.registration
    ).first()
    if certificate is None:
        return
    CompetenceRecord.objects.filter(
        source_type=ContentType.objects.get_for_model(Certificate), source_id=str(certificate.pk)
    ).delete()
    if certificate.revoked_at is None:
        now = timezone.now()
        certificate.revoked_at = certificate.withdrawn_at = now
        certificate.save(update_fields=["revoked_at", "withdrawn_at"])


def holder_name(user):
    return user.get_full_name() or _("Name not given")


def certificate_facts(certificate):
    """What the certificate says besides the holder and the title: the kind of activity, who
    issued it, how long it takes and the competences it gave. From the page, when it still
    exists (a deleted page leaves the title and dates). Two or three queries."""
    page = certificate.page.specific if certificate.page_id and certificate.page else None
    is_guide = getattr(page, "activity_kind", "") == "video-guide"
    owner = getattr(page, "owner_organisation", None)
    return {
        "heading": _("Certificate of a completed video guide")
        if is_guide
        else _("Course certificate"),
        "completed": _("has completed the video guide") if is_guide else _("has completed"),
        "issuer": owner.name if owner else "eSundhed Akademi",
        "minutes": getattr(page, "estimated_minutes", None),
        "competences": [
            _("%(competence)s, level %(level)s") % {"competence": competence, "level": level}
            for competence, level in (page.awarded() if page is not None else [])
        ],
    }


def render_pdf(certificate, verify_url):
    """The certificate as PDF bytes: holder, title, kind, issuer, duration, the competences it
    gave, the dates and the verification code."""
    facts = certificate_facts(certificate)
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(str(facts["heading"]))
    pdf.setAuthor("eSundhed Akademi")
    pdf.setStrokeColorRGB(0.04, 0.29, 0.44)
    pdf.setLineWidth(3)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    centre = width / 2
    pdf.setFillColorRGB(0.04, 0.29, 0.44)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawCentredString(centre, height - 30 * mm, "eSundhed Akademi")
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawCentredString(centre, height - 42 * mm, str(facts["heading"]))
    pdf.setFillColorRGB(0.1, 0.12, 0.14)
    pdf.setFont("Helvetica", 14)
    pdf.drawCentredString(centre, height - 58 * mm, _("This certifies that"))
    pdf.setFont("Helvetica-Bold", 26)
    pdf.drawCentredString(centre, height - 72 * mm, holder_name(certificate.user))
    pdf.setFont("Helvetica", 14)
    pdf.drawCentredString(centre, height - 85 * mm, str(facts["completed"]))
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawCentredString(centre, height - 98 * mm, certificate.title[:90])
    pdf.setFont("Helvetica", 12)
    about = _("Issued by %(issuer)s") % {"issuer": facts["issuer"]}
    if facts["minutes"]:
        about += " · " + _("Duration about %(minutes)s minutes") % {"minutes": facts["minutes"]}
    pdf.drawCentredString(centre, height - 110 * mm, about)
    y = height - 120 * mm
    for line in facts["competences"][:4]:
        pdf.drawCentredString(
            centre, y, (_("Competence: %(competence)s") % {"competence": line})[:110]
        )
        y -= 7 * mm
    issued = formats.date_format(timezone.localtime(certificate.issued_at), "j. F Y")
    pdf.drawCentredString(centre, y - 3 * mm, _("Completed on %(date)s") % {"date": issued})
    until = (
        _("Valid until %(date)s") % {"date": formats.date_format(certificate.valid_until, "j. F Y")}
        if certificate.valid_until
        else _("Valid with no end date")
    )
    pdf.drawCentredString(centre, y - 10 * mm, until)
    pdf.setFont("Helvetica", 10)
    pdf.drawCentredString(
        centre, 30 * mm, _("Verification code: %(code)s") % {"code": certificate.code}
    )
    pdf.drawCentredString(centre, 24 * mm, verify_url)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
