"""Demo content for the embedded setup. Every loader is idempotent: running it twice adds nothing.

Loaders are plain functions run in order by ``manage.py load_demo``; later features append theirs
to DEMO_LOADERS. Demo text is Danish and never contains patient data.
"""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Locale, Page, Site
from wagtailmedia.models import get_media_model

from cms.demo_courses import load_courses_demo
from cms.models import ContentPage, CoursePage, HomePage
from learning.competences.demo import load_competences_demo
from learning.organisations.demo import load_organisations_demo
from learning.organisations.models import Organisation
from learning.organisations.permissions import content_collection
from learning.reports.demo import load_reports_demo
from quizzes.demo import load_quiz_demo
from quizzes.models import Question, Quiz

# Shared by every demo account and printed by `make run`. Demo only: production refuses demo data.
DEMO_PASSWORD = "Akademi-demo-2026"  # noqa: S105

# (e-mail, first name, last name, role, description). The learner is the home-care nurse persona.
DEMO_USERS = [
    (
        "mette@example.org",
        "Mette",
        "Nielsen",
        "learner",
        "Sygeplejerske i hjemmesygeplejen, Hjørring Kommune",
    ),
    (
        "jesper@example.org",
        "Jesper",
        "Andersen",
        "educator",
        "Udviklingskonsulent og klinisk underviser, Aalborg Kommune",
    ),
    (
        "hanne@example.org",
        "Hanne",
        "Larsen",
        "manager",
        "Områdeleder i hjemmeplejen, Mariagerfjord Kommune",
    ),
    ("admin@example.org", "Ada", "Administrator", "admin", "Platformsadministrator"),
]

HOME_INTRO = (
    "<p>Velkommen til eSundhed Akademi: korte kurser og videovejledninger, der gør dig tryg i de "
    "digitale arbejdsgange på tværs af sygehuse, kommuner og almen praksis i Nordjylland.</p>"
    "<p>Lær på telefonen mellem besøgene eller ved computeren, i bidder på ti minutter, som du "
    "kan fortsætte, hvor du slap.</p>"
    "<p><strong>Demonstrationsindhold.</strong> Kurserne og videovejledningerne her viser, "
    "hvordan platformen virker. De bygger på offentlige vejledninger fra bl.a. MedCom, "
    "Sundhedsdatastyrelsen og sundhed.dk, som der linkes til, og skal gennemgås af fagpersoner, "
    "før de bruges i praksis.</p>"
)

ACCESSIBILITY_BODY = (
    "<h2>Tilgængelighed</h2>"
    "<p>eSundhed Akademi stræber efter at overholde WCAG 2.1 niveau AA, jf. lov om tilgængelighed "
    "af offentlige organers websteder og mobilapplikationer.</p>"
    "<h2>Kontakt</h2>"
    "<p>Oplever du problemer med tilgængeligheden, kan du skrive til "
    "tilgaengelighed@example.org eller ringe på 99 99 99 99.</p>"
)

PRIVACY_BODY = (
    "<h2>Hvilke oplysninger vi behandler</h2>"
    "<p>Vi registrerer dit navn, din arbejdsmail, din enhed og stilling samt hvilke kurser og "
    "kompetencer du har gennemført. Vi registrerer aldrig CPR-numre.</p>"
    "<h2>Dine rettigheder</h2>"
    "<p>Du kan til enhver tid se og hente de oplysninger, vi har om dig.</p>"
)


def tree_root():
    """Wagtail's default locale and page tree root, made by its migrations; a flush removes them."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


def load_site():
    """A Danish home page as the site root, plus the accessibility statement and privacy notice."""
    root = tree_root()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="eSundhed Akademi", slug="forside", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="eSundhed Akademi",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "eSundhed Akademi"
        site.save()
        # Wagtail's placeholder "Welcome" page is no longer reachable; remove it.
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()
    for slug, title, body in [
        ("tilgaengelighedserklaering", "Tilgængelighedserklæring", ACCESSIBILITY_BODY),
        ("privatlivspolitik", "Privatlivspolitik", PRIVACY_BODY),
    ]:
        if not ContentPage.objects.child_of(home).filter(slug=slug).exists():
            page = ContentPage(title=title, slug=slug, body=body, updated_on=datetime.date.today())
            home.add_child(instance=page)
            page.save_revision().publish()
    return home


def educator_group():
    """Wagtail's "Editors" group (made by its migrations), rebuilt if a flush removed it."""
    group, created = Group.objects.get_or_create(name="Editors")
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
        for codename in ["add_page", "change_page"]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=Page.get_first_root_node(),
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return group


def load_users():
    """One verified account per role, all with DEMO_PASSWORD."""
    User = get_user_model()
    editors = educator_group()
    users = {}
    for email, first, last, role, _description in DEMO_USERS:
        user, created = User.objects.get_or_create(
            email=email, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        if role == "admin":
            user.is_staff = user.is_superuser = True
        user.save()
        if role == "educator":
            user.groups.add(editors)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[role] = user
    return users


def load_content_owners():
    """Demo quizzes, questions, videos, images and documents belong to the region, like the
    demo courses: the access policy lets only an owner's educators change content, and only
    platform admins change content without an owner."""
    region = Organisation.objects.filter(external_id="DEMO-RN").first()
    if region is None:
        return
    for model in (Quiz, Question):
        model.objects.filter(owner_organisation__isnull=True).update(owner_organisation=region)
    collection = content_collection(region)
    for model in (get_media_model(), get_image_model(), get_document_model()):
        model.objects.filter(collection__depth=1).update(collection=collection)


def load_quizzes_demo():
    """The quiz demo, after the courses: it attaches the pre/post evaluations to them."""
    return load_quiz_demo(
        courses=CoursePage.objects.all(), personas=[email for email, *_rest in DEMO_USERS]
    )


# The site, people and course catalogue, without quizzes, reports or owners: what catalogue
# and lesson tests need.
CATALOGUE_LOADERS = [
    load_site,
    load_users,
    load_organisations_demo,
    load_competences_demo,
    load_courses_demo,
]
DEMO_LOADERS = [
    *CATALOGUE_LOADERS,
    load_quizzes_demo,
    load_reports_demo,
    load_content_owners,
]


def load_demo(stdout=None):
    with transaction.atomic():
        for loader in DEMO_LOADERS:
            loader()
            if stdout is not None:
                stdout.write(f"  loaded {loader.__name__}")
