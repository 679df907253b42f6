"""Demo catalogue: six courses from the starter catalogue (DOMAIN.md §6) and three video guides,
in Danish, wired to the workflow competences N1..N12. Never patient data.

Lessons name their videos by the video demo's key and their quizzes by the quiz demo's title
(``video_block`` and ``quiz_block`` below). Both demos are idempotent, so this loader runs
them for the objects it needs; ``load_quiz_demo`` runs later, finds the same quizzes and
attaches the FMK pre/post evaluation to the FMK course.

Together they cover sundhed.dk, Sundhedsjournalen, FMK, TELMA and MedCom messages. The texts
point to the owners' guidance (MedCom, Sundhedsdatastyrelsen, sundhed.dk) rather than copying
it, so content follows version changes.
"""

ALL = []
HOSPITAL, MUNICIPAL, PRACTICE = "region", "municipality", "general_practice"


def p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def video_block(key, title=""):
    return ("video", {"video": key, "title": title, "chapters": ""})


def quiz_block(title, heading=""):
    return ("quiz", {"quiz": title, "heading": heading})


COURSES = [
    {
        "slug": "digital-foerst",
        "title": "Digital først – vælg den rette kontaktform",
        "summary": "Hvornår skriver du, ringer du eller mødes I på video? Lær at vælge den "
        "kontaktform, der passer til opgaven og til borgeren.",
        "minutes": 15,
        "sectors": ALL,
        "owner": "DEMO-RN",
        "competences": [("N1", 2), ("N9", 1)],
        "lessons": [
            (
                "Hvorfor digital først?",
                [
                    (
                        "text",
                        p(
                            "Digital først betyder, at vi vælger den digitale løsning, når den "
                            "er god nok til opgaven – ikke at alt skal være digitalt.",
                            "Det frigør tid til de borgere, der har brug for et fysisk besøg, og "
                            "giver færre forsinkelser mellem sektorerne.",
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "tip",
                            "heading": "Tommelfingerregel",
                            "text": p("Spørg: Hvad har modtageren brug for, og hvor hurtigt?"),
                        },
                    ),
                ],
            ),
            (
                "Vælg kontaktform i praksis",
                [
                    (
                        "steps",
                        {
                            "heading": "Sådan vælger du",
                            "steps": [
                                {
                                    "title": "Er det akut?",
                                    "text": p(
                                        "Ring. Skriftlige beskeder er ikke til akutte situationer."
                                    ),
                                },
                                {
                                    "title": "Skal det dokumenteres?",
                                    "text": p(
                                        "Brug en MedCom-meddelelse, så beskeden lander i journalen."
                                    ),
                                },
                                {
                                    "title": "Skal flere tale sammen?",
                                    "text": p("Foreslå et videomøde frem for et fysisk møde."),
                                },
                            ],
                        },
                    ),
                    ("text", p("Husk borgere, der ikke er digitale: tilbyd altid et alternativ.")),
                ],
            ),
        ],
    },
    {
        "slug": "korrespondancemeddelelsen",
        "title": "Korrespondancemeddelelsen – skriv, kategorisér, vedhæft og følg op",
        "summary": "Den nye MedCom-korrespondancemeddelelse på tværs af sygehus, kommune og "
        "almen praksis: sådan skriver du en god besked og følger op på den.",
        "minutes": 25,
        "sectors": ALL,
        "owner": "DEMO-RN",
        "competences": [("N2", 2)],
        "lessons": [
            (
                "Hvad er en korrespondancemeddelelse?",
                [
                    (
                        "text",
                        p(
                            "Korrespondancemeddelelsen er MedComs standard for skriftlig dialog "
                            "om en borger mellem sygehus, kommune og almen praksis. Den nye "
                            "version bygger på FHIR og har faste kategorier.",
                            "Læs den gældende vejledning hos MedCom – den opdateres, når "
                            "standarden ændres.",
                        ),
                    ),
                ],
            ),
            (
                "Skriv og kategorisér",
                [
                    (
                        "steps",
                        {
                            "heading": "En god meddelelse",
                            "steps": [
                                {
                                    "title": "Vælg den rigtige modtager",
                                    "text": p("Søg på enhedens navn eller SOR-kode."),
                                },
                                {
                                    "title": "Vælg kategori",
                                    "text": p(
                                        "Kategorien styrer, hvem der ser "
                                        "beskeden først hos modtageren."
                                    ),
                                },
                                {
                                    "title": "Skriv kort og konkret",
                                    "text": p(
                                        "Én sag pr. meddelelse. "
                                        "Skriv, hvad du har brug for, og hvornår."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "heading": "Emnefeltet",
                            "text": p("Skriv aldrig CPR-nummer eller diagnoser i emnefeltet."),
                        },
                    ),
                ],
            ),
            (
                "Sådan gør du i dit system",
                [
                    (
                        "system_tabs",
                        {
                            "heading": "Send en korrespondancemeddelelse",
                            "tabs": [
                                {
                                    "system": "nordepj",
                                    "text": p(
                                        "Åbn patientens journal, vælg "
                                        "Kommunikation og derefter Ny meddelelse."
                                    ),
                                },
                                {
                                    "system": "municipal",
                                    "text": p(
                                        "Åbn borgerens sag, vælg Korrespondance og Opret ny."
                                    ),
                                },
                                {
                                    "system": "gp",
                                    "text": p(
                                        "Vælg patienten, åbn Korrespondance og skriv "
                                        "en ny meddelelse til modtageren."
                                    ),
                                },
                            ],
                        },
                    ),
                    ("text", p("Følg op: tjek indbakken dagligt, og svar i samme tråd.")),
                    quiz_block("Korrespondancemeddelelsen (KM)", "Test dig selv"),
                ],
            ),
        ],
    },
    {
        "slug": "fmk-i-hverdagen",
        "title": "FMK i hverdagen – medicinafstemning på tværs",
        "summary": "Fælles Medicinkort (FMK) viser borgerens aktuelle medicin. Lær at slå op, "
        "afstemme og handle på uoverensstemmelser.",
        "minutes": 20,
        "sectors": [HOSPITAL, MUNICIPAL, PRACTICE],
        "owner": "DEMO-HJK",
        "competences": [("N3", 2)],
        "lessons": [
            (
                "Hvad viser FMK?",
                [
                    quiz_block("FMK i hverdagen – før kurset", "Hvad ved du allerede?"),
                    (
                        "text",
                        p(
                            "FMK samler borgerens ordinationer fra sygehus, egen læge og "
                            "speciallæge ét sted. Medicinkortet er kun så godt som den seneste "
                            "afstemning.",
                            "Sundhedsdatastyrelsen beskriver reglerne for brug af FMK; følg "
                            "deres vejledning.",
                        ),
                    ),
                ],
            ),
            (
                "Afstem medicinkortet",
                [
                    (
                        "steps",
                        {
                            "heading": "Før du giver medicin",
                            "steps": [
                                {"title": "Tjek dato for seneste afstemning", "text": ""},
                                {"title": "Sammenlign med det, borgeren faktisk tager", "text": ""},
                                {
                                    "title": "Kontakt egen læge ved uoverensstemmelse",
                                    "text": p(
                                        "Brug en korrespondancemeddelelse, så det dokumenteres."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "callout",
                        {
                            "kind": "important",
                            "heading": "Husk",
                            "text": p(
                                "Et ikke-afstemt medicinkort skal tjekkes, før du handler på det."
                            ),
                        },
                    ),
                    video_block("fmk", "Se hvordan: afstem medicinkortet i FMK"),
                ],
            ),
            (
                "Test din viden om FMK",
                [
                    (
                        "text",
                        p("Fire spørgsmål fra FMK-banken. Du kan tage testen op til tre gange."),
                    ),
                    quiz_block("FMK i hverdagen – efter kurset"),
                ],
            ),
        ],
    },
    {
        "slug": "sundhedsjournalen",
        "title": "Sundhedsjournalen og sundhed.dk for fagpersoner",
        "summary": "Find de rigtige oplysninger i Sundhedsjournalen på sundhed.dk – og kun dem, "
        "du har lov til at se i behandlingen.",
        "minutes": 20,
        "sectors": [HOSPITAL, MUNICIPAL, PRACTICE],
        "owner": "DEMO-RN",
        "competences": [("N4", 1), ("N8", 1)],
        "lessons": [
            (
                "Hvad finder du på sundhed.dk?",
                [
                    (
                        "text",
                        p(
                            "Sundhedsjournalen på sundhed.dk viser blandt andet epikriser, "
                            "laboratoriesvar og aftaler fra hele landet.",
                            "Som fagperson logger du på med din digitale medarbejderidentitet.",
                        ),
                    ),
                ],
            ),
            (
                "Lovligt opslag",
                [
                    (
                        "text",
                        p(
                            "Du må kun slå op, når det er nødvendigt for den aktuelle behandling "
                            "af borgeren. Alle opslag logges, og borgeren kan se, hvem der har "
                            "kigget."
                        ),
                    ),
                    (
                        "callout",
                        {
                            "kind": "warning",
                            "heading": "Nysgerrighed er ikke et formål",
                            "text": p(
                                "Slå aldrig op på kolleger, familie eller dig selv i "
                                "arbejdssammenhæng."
                            ),
                        },
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "telma",
        "title": "Telemedicin ved KOL og hjertesvigt: TELMA",
        "summary": "Sådan følger du borgerens målinger i TELMA, og sådan reagerer du, når en "
        "måling ligger uden for grænserne.",
        "minutes": 20,
        "sectors": [HOSPITAL, MUNICIPAL, PRACTICE],
        "owner": "DEMO-AAK",
        "competences": [("N6", 2)],
        "lessons": [
            (
                "Hvad er TELMA?",
                [
                    (
                        "text",
                        p(
                            "TELMA er den fælles telemedicinske løsning, hvor borgere med KOL "
                            "eller hjertesvigt indsender målinger hjemmefra, fx vægt, iltmætning "
                            "og blodtryk.",
                            "Kommune, sygehus og almen praksis ser de samme målinger.",
                        ),
                    ),
                ],
            ),
            (
                "Reagér på en måling",
                [
                    (
                        "steps",
                        {
                            "heading": "Når en måling er rød",
                            "steps": [
                                {"title": "Tjek målingen og borgerens egne svar", "text": ""},
                                {"title": "Kontakt borgeren", "text": p("Ring samme dag.")},
                                {
                                    "title": "Dokumentér og giv besked",
                                    "text": p(
                                        "Brug en korrespondancemeddelelse til egen læge ved behov."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "informationssikkerhed",
        "title": "Informationssikkerhed og GDPR på tværs",
        "summary": "Del det nødvendige, sikkert: de vigtigste regler for "
        "informationssikkerhed og databeskyttelse i samarbejdet mellem sektorer.",
        "minutes": 15,
        "sectors": ALL,
        "owner": "DEMO-RN",
        "competences": [("N8", 1)],
        "lessons": [
            (
                "Del det nødvendige",
                [
                    (
                        "text",
                        p(
                            "Del kun de oplysninger, modtageren har brug for til opgaven, og brug "
                            "sikre kanaler som MedCom-meddelelser – aldrig almindelig e-mail."
                        ),
                    ),
                ],
            ),
            (
                "Når noget går galt",
                [
                    (
                        "text",
                        p(
                            "Har du sendt oplysninger til den forkerte, skal det anmeldes som "
                            "et sikkerhedsbrud. Kontakt din leder med det samme; fristen er kort."
                        ),
                    ),
                ],
            ),
        ],
    },
]

# (slug, title, video key from learning.video.demo, summary, minutes, specialist, title,
#  competences)
VIDEO_GUIDES = [
    (
        "video-fmk-log-ind",
        "Log ind i FMK og afstem medicinkortet",
        "fmk",
        "To minutter om at finde borgerens medicinkort i FMK og markere det afstemt.",
        3,
        "Anne Demosen",
        "Farmaceut, Sygehusapoteket, Aalborg Universitetshospital",
        [("N3", 2)],
    ),
    (
        "video-vdx-videomoede",
        "Start et videomøde i VDX",
        "vdx",
        "Sådan starter du et videomøde med en borger eller en kollega i VDX.",
        2,
        "Lars Prøvegaard",
        "Udviklingssygeplejerske, Regionshospital Nordjylland",
        [("N5", 2)],
    ),
    (
        "video-udskrivningskonference",
        "Virtuel udskrivningskonference – før, under og efter",
        "vdx",
        "Forbered, gennemfør og følg op på en virtuel udskrivningskonference.",
        4,
        "Susanne Eksempelsen",
        "Afdelingssygeplejerske, Medicinsk Afdeling, Hjørring",
        [("N5", 2), ("N2", 1)],
    ),
]


def _catalogue():
    from cms.models import CatalogPage, HomePage

    catalogue = CatalogPage.objects.first()
    if catalogue is None:
        catalogue = CatalogPage(
            title="Kurser og videovejledninger",
            slug="kurser",
            intro=p(
                "Korte kurser og videovejledninger om de digitale arbejdsgange på tværs af "
                "sygehus, kommune og almen praksis."
            ),
        )
        HomePage.objects.first().add_child(instance=catalogue)
        catalogue.save_revision().publish()
    return catalogue


def _links(model, pairs, competences):
    return [model(competence=competences[code], level=level) for code, level in pairs]


def _block(kind, value, videos, quizzes):
    """The raw StreamField value of one demo block, with video keys and quiz titles as pks."""
    if kind == "video":
        value = {**value, "video": videos[value["video"]].pk}
    elif kind == "quiz":
        value = {**value, "quiz": quizzes[value["quiz"]].pk}
    return {"type": kind, "value": value}


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_courses_demo():
    """The catalogue page, six courses with lessons, three video guides and the review
    workflow. Idempotent: pages are matched by slug."""
    from django.utils.text import slugify

    from cms.models import (
        CourseCompetence,
        CoursePage,
        LessonPage,
        VideoGuideCompetence,
        VideoGuidePage,
    )
    from cms.workflows import ensure_review_workflow
    from learning.competences.models import Competence
    from learning.organisations.models import Organisation
    from learning.video.demo import load_video_demo
    from quizzes.demo import load_bank, load_quizzes

    catalogue = _catalogue()
    videos = load_video_demo()
    quizzes = load_quizzes(load_bank())
    competences = {c.code: c for c in Competence.objects.filter(code__regex=r"^N\d+$")}
    owners = {
        o.external_id: o for o in Organisation.objects.filter(external_id__startswith="DEMO-")
    }
    existing = set(catalogue.get_children().values_list("slug", flat=True))
    body_field = LessonPage._meta.get_field("body")
    for spec in COURSES:
        if spec["slug"] in existing:
            continue
        course = CoursePage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            estimated_minutes=spec["minutes"],
            target_sectors=spec["sectors"],
            owner_organisation=owners.get(spec["owner"]),
        )
        course.competence_links = _links(CourseCompetence, spec["competences"], competences)
        _publish(catalogue, course)
        per_lesson = max(1, spec["minutes"] // len(spec["lessons"]))
        for title, blocks in spec["lessons"]:
            body = body_field.to_python(
                [_block(kind, value, videos, quizzes) for kind, value in blocks]
            )
            _publish(
                course,
                LessonPage(
                    title=title, slug=slugify(title), body=body, estimated_minutes=per_lesson
                ),
            )
    for slug, title, key, summary, minutes, name, specialist, pairs in VIDEO_GUIDES:
        if slug in existing:
            continue
        guide = VideoGuidePage(
            title=title,
            slug=slug,
            summary=summary,
            estimated_minutes=minutes,
            video=videos[key],
            specialist_name=name,
            specialist_title=specialist,
            target_sectors=ALL,
            owner_organisation=owners.get("DEMO-RN"),
        )
        guide.competence_links = _links(VideoGuideCompetence, pairs, competences)
        _publish(catalogue, guide)
    ensure_review_workflow()
