"""Demo quizzes for the starter catalogue (DOMAIN.md §6): MedCom KM, FMK, lawful lookup in
Sundhedsjournalen, TELMA and digital first. Danish, never patient data.

FMK has a pre-test (a fixed list) and a post-test (4 random questions from the FMK bank), with
synthetic first attempts by demo staff so the item analysis and the pre/post change show numbers.
Idempotent: quizzes and questions are found by their text, attempts are made only once.
"""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail.models import Page

from learning.competences.models import Competence, Level

from .attempts import start_attempt, submit_attempt
from .drawing import shown_questions
from .models import (
    Choice,
    CourseEvaluation,
    Kind,
    Question,
    Quiz,
    QuizPage,
    QuizQuestion,
    Selection,
)
from .permissions import grant_editor_permissions

S, M, TF, ORD = Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.ORDERING
SANDT, FALSK = "Sandt", "Falsk"

# competence code: [(kind, text, explanation, [(choice, correct, feedback)])]
BANK = {
    "N2": [
        (
            S,
            "Hvad bruger du en korrespondancemeddelelse (KM) til?",
            "KM er MedComs standard for sikker, fri-tekst kommunikation om en borger mellem "
            "sygehus, kommune og almen praksis.",
            [
                (
                    "Sikker beskedudveksling om en borger mellem sygehus, kommune og almen praksis",
                    True,
                    "Ja, netop.",
                ),
                ("At sende en recept til apoteket", False, "Nej, recepter går via FMK."),
                (
                    "At skrive til borgeren i Digital Post",
                    False,
                    "Nej, KM går mellem fagpersoner, ikke til borgeren.",
                ),
            ],
        ),
        (
            TF,
            "En KM kan have vedhæftede filer, fx et foto af et sår.",
            "Den FHIR-baserede korrespondancemeddelelse har kategorier, prioritet, vedhæftninger "
            "og tråde.",
            [(SANDT, True, "Rigtigt."), (FALSK, False, "Jo, vedhæftning er muligt.")],
        ),
        (
            M,
            "Hvad kendetegner en god KM? Vælg alle rigtige.",
            "Modtageren skal hurtigt kunne se, hvad sagen drejer sig om, og hvem der skal gøre "
            "hvad.",
            [
                ("En kategori, der passer til indholdet", True, ""),
                ("Et kort og præcist emne", True, ""),
                (
                    "Hele journalen vedhæftet for en sikkerheds skyld",
                    False,
                    "Nej, send kun det, modtageren har brug for.",
                ),
                ("Hvem der skal svare, og hvornår", True, ""),
            ],
        ),
        (
            ORD,
            "Sæt trinene i rækkefølge, når du svarer på en KM med en vedhæftning.",
            "Svar i samme tråd, så historikken følger med.",
            [
                ("Åbn den modtagne KM i tråden", False, ""),
                ("Vælg Besvar", False, ""),
                ("Skriv dit svar og vedhæft filen", False, ""),
                ("Kontrollér modtageren og send", False, ""),
            ],
        ),
    ],
    "N3": [
        (
            S,
            "Hvad er FMK – Fælles Medicinkort?",
            "FMK er den nationale database over borgerens aktuelle medicin, recepter og udleveret "
            "medicin.",
            [
                ("Den fælles, nationale oversigt over borgerens aktuelle medicin", True, "Ja."),
                ("Kommunens eget omsorgssystem", False, "Nej, det er fx Nexus eller FSIII."),
                ("En app kun for borgeren", False, "Nej, fagpersoner i alle sektorer bruger FMK."),
            ],
        ),
        (
            TF,
            "Medicinafstemning betyder, at medicinkortet gennemgås og bringes ajour, fx ved "
            "indlæggelse og udskrivelse.",
            "Afstemning sikrer, at alle sektorer ser den samme, aktuelle medicin.",
            [(SANDT, True, "Rigtigt."), (FALSK, False, "Jo, det er netop medicinafstemning.")],
        ),
        (
            M,
            "Hvad kan du se i FMK? Vælg alle rigtige.",
            "Laboratoriesvar findes i Sundhedsjournalen, ikke i FMK.",
            [
                ("Aktuel medicin", True, ""),
                ("Recepter", True, ""),
                ("Udleveret medicin", True, ""),
                ("Borgerens blodprøvesvar", False, "Nej, dem finder du i Sundhedsjournalen."),
            ],
        ),
        (
            S,
            "Hvor er vaccinationer registreret?",
            "Det Danske Vaccinationsregister (DDV) er integreret i FMK.",
            [
                ("I FMK, hvor vaccinationsregistret DDV er integreret", True, "Ja."),
                ("Kun i det gule vaccinationskort", False, "Nej, registreringen er digital."),
                ("I Digital Post", False, "Nej."),
            ],
        ),
        (
            ORD,
            "Sæt trinene i medicinafstemning ved udskrivelse i rækkefølge.",
            "Start altid med det aktuelle medicinkort, og afslut med at afstemme det.",
            [
                ("Hent det aktuelle medicinkort i FMK", False, ""),
                ("Sammenlign med den medicin, borgeren faktisk får", False, ""),
                ("Afklar uoverensstemmelser med den ansvarlige læge", False, ""),
                ("Opdatér og afstem medicinkortet", False, ""),
            ],
        ),
        (
            TF,
            "Du må gerne bruge en rigtig borgers medicinkort som eksempel i undervisning.",
            "Brug altid testpatienter fra testmiljøet, aldrig rigtige personoplysninger.",
            [(SANDT, False, "Nej, brug testpatienter."), (FALSK, True, "Rigtigt.")],
        ),
    ],
    "N4": [
        (
            S,
            "Hvornår må du slå en borgers oplysninger op i Sundhedsjournalen?",
            "Opslag er kun lovligt, når borgeren er i aktuel behandling hos dig.",
            [
                ("Når borgeren er i aktuel behandling hos dig", True, "Ja."),
                (
                    "Når en kollega spørger, hvordan det går borgeren",
                    False,
                    "Nej, det er ikke et behandlingsformål.",
                ),
                (
                    "Når borgeren er din nabo, og du vil hjælpe",
                    False,
                    "Nej, aldrig af personlige grunde.",
                ),
            ],
        ),
        (
            TF,
            "Borgeren kan i Min Log se, hvem der har slået op i deres oplysninger.",
            "Derfor – og af respekt for borgeren – skal hvert opslag have et lovligt formål.",
            [(SANDT, True, "Rigtigt."), (FALSK, False, "Jo, borgeren kan se det i Min Log.")],
        ),
        (
            M,
            "Hvad viser Sundhedsjournalen? Vælg alle rigtige.",
            "Sundhedsjournalen samler data fra sygehuse, laboratorier og aftaler på tværs af "
            "regioner.",
            [
                ("Notater og epikriser fra sygehuse", True, ""),
                ("Laboratoriesvar", True, ""),
                ("Aftaler", True, ""),
                ("Borgerens beskeder i Digital Post", False, "Nej, dem kan du ikke se."),
            ],
        ),
        (
            ORD,
            "Sæt trinene i rækkefølge ved et lovligt opslag.",
            "Formålet kommer først: uden aktuel behandling intet opslag.",
            [
                ("Sikr dig, at borgeren er i aktuel behandling hos dig", False, ""),
                ("Log ind med din medarbejderidentitet", False, ""),
                ("Find kun de oplysninger, behandlingen kræver", False, ""),
                ("Dokumentér i journalen, hvad du har brugt", False, ""),
            ],
        ),
    ],
    "N6": [
        (
            S,
            "Hvad er TELMA?",
            "TELMA er den nationale løsning til telemedicinsk hjemmemonitorering, først for KOL.",
            [
                ("Den nationale løsning til telemedicinsk hjemmemonitorering", True, "Ja."),
                ("Et system til vagtplaner", False, "Nej."),
                ("En platform til personalemøder på video", False, "Nej."),
            ],
        ),
        (
            TF,
            "TELMA bygger på den fælles infrastruktur FUT, som kommuner og regioner står bag.",
            "FUT er bygget af alle 98 kommuner og 5 regioner.",
            [(SANDT, True, "Rigtigt."), (FALSK, False, "Jo, TELMA bygger på FUT.")],
        ),
        (
            M,
            "Hvad indgår typisk i hjemmemonitorering af en borger med KOL? Vælg alle rigtige.",
            "Målinger og spørgeskemaer vurderes mod aftalte grænser; en fagperson vurderer altid.",
            [
                ("Målinger, fx iltmætning", True, ""),
                ("Spørgeskemaer om symptomer", True, ""),
                ("Aftalte grænseværdier og ansvar", True, ""),
                (
                    "Automatisk ændring af medicinen uden faglig vurdering",
                    False,
                    "Nej, en fagperson vurderer altid.",
                ),
            ],
        ),
        (
            ORD,
            "Sæt trinene i rækkefølge, når en måling ligger uden for grænseværdien.",
            "Vurdér først, handl derefter, og dokumentér til sidst.",
            [
                ("Se målingen og borgerens svar", False, ""),
                ("Vurdér målingen mod de aftalte grænser", False, ""),
                ("Kontakt borgeren", False, ""),
                ("Dokumentér og inddrag lægen efter aftale", False, ""),
            ],
        ),
    ],
    "N1": [
        (
            S,
            "Hvad betyder »digital først«?",
            "Digital kontakt er førstevalget, når det giver mening for borgeren – ikke altid.",
            [
                (
                    "Digital kontakt er det naturlige førstevalg, når det passer til borgeren",
                    True,
                    "Ja.",
                ),
                (
                    "Alle borgere skal kontaktes digitalt uanset behov",
                    False,
                    "Nej, vælg kanal efter borgerens behov.",
                ),
                ("Man må aldrig ringe til borgeren", False, "Nej."),
            ],
        ),
        (
            TF,
            "En videokonsultation kan erstatte et fysisk besøg, når det faglige indhold "
            "tillader det.",
            "Vurdér altid, om der er brug for en fysisk undersøgelse.",
            [(SANDT, True, "Rigtigt."), (FALSK, False, "Jo, når fagligheden tillader det.")],
        ),
        (
            M,
            "Hvad taler for en videokonsultation? Vælg alle rigtige.",
            "Video passer, når der ikke skal undersøges fysisk, og borgeren kan og vil.",
            [
                ("Borgeren kan deltage hjemmefra", True, ""),
                ("Der skal ikke laves en fysisk undersøgelse", True, ""),
                (
                    "Borgeren ønsker ikke video og har svært ved teknikken",
                    False,
                    "Nej, så er en anden kanal bedre.",
                ),
                ("Det sparer transporttid", True, ""),
            ],
        ),
        (
            ORD,
            "Sæt trinene i rækkefølge før og under en videokonsultation.",
            "God forberedelse gør samtalen tryg.",
            [
                ("Aftal tidspunkt og send linket", False, ""),
                ("Test lyd og billede", False, ""),
                ("Gennemfør konsultationen", False, ""),
                ("Dokumentér og aftal opfølgning", False, ""),
            ],
        ),
    ],
}

# (title, intro, competence for the record or None, options, question source)
# question source: a competence code (its whole bank, fixed) or ("random", code, n) or
# (code, [question numbers]).
QUIZZES = [
    (
        "Korrespondancemeddelelsen (KM)",
        "Fire spørgsmål om at skrive og besvare en KM.",
        "N2",
        {"shuffle_choices": True},
        "N2",
    ),
    (
        "FMK i hverdagen – før kurset",
        "Hvad ved du allerede om FMK? Prøven tæller ikke.",
        None,
        {"pass_mark": 0},
        ("N3", [0, 1, 2, 4]),
    ),
    (
        "FMK i hverdagen – efter kurset",
        "Fire tilfældige spørgsmål fra FMK-banken.",
        "N3",
        {
            "shuffle_questions": True,
            "shuffle_choices": True,
            "max_attempts": 3,
            "cooldown_minutes": 10,
        },
        ("random", "N3", 4),
    ),
    (
        "Sundhedsjournalen – lovligt opslag",
        "Hvornår må du slå op, og hvad kan du se?",
        "N4",
        {"time_limit_minutes": 10},
        "N4",
    ),
    (
        "Telemedicin med TELMA",
        "Hjemmemonitorering af borgere med KOL.",
        "N6",
        {"shuffle_choices": True},
        "N6",
    ),
    (
        "Digital først – vælg den rette kontaktform",
        "Vælg kanal efter borgerens behov.",
        "N1",
        {},
        "N1",
    ),
]
EVALUATION = (
    "FMK i hverdagen – medicinafstemning på tværs af sektorer",
    "FMK i hverdagen – før kurset",
    "FMK i hverdagen – efter kurset",
)
PEOPLE = 30
SEED = 2026


def load_bank():
    """The demo questions, by competence code, created where missing."""
    competences = {c.code: c for c in Competence.objects.filter(code__in=BANK)}
    bank = {}
    for code, questions in BANK.items():
        bank[code] = []
        for kind, text, explanation, choices in questions:
            question, created = Question.objects.get_or_create(
                text=text,
                defaults={
                    "kind": kind,
                    "explanation": explanation,
                    "competence": competences.get(code),
                },
            )
            if created:
                for number, (choice, correct, feedback) in enumerate(choices):
                    Choice.objects.create(
                        question=question,
                        sort_order=number,
                        text=choice,
                        is_correct=correct,
                        feedback=feedback,
                    )
            bank[code].append(question)
    return bank


def load_quizzes(bank):
    competences = {c.code: c for c in Competence.objects.filter(code__in=BANK)}
    quizzes = {}
    for title, intro, code, options, source in QUIZZES:
        quiz = Quiz.objects.filter(title=title).first()
        if quiz is None:
            fields = {
                "title": title,
                "intro": intro,
                "competence": competences.get(code),
                "competence_level": Level.BASIC,
                **options,
            }
            if isinstance(source, tuple) and source[0] == "random":
                fields.update(
                    selection=Selection.RANDOM,
                    draw_count=source[2],
                    competence=competences.get(source[1]),
                )
                listed = []
            elif isinstance(source, tuple):
                listed = [bank[source[0]][n] for n in source[1]]
            else:
                listed = bank[source]
            quiz = Quiz.objects.create(**fields)
            for number, question in enumerate(listed):
                QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=number)
        quizzes[title] = quiz
    return quizzes


def load_evaluation(quizzes):
    name, pre, post = EVALUATION
    course = (
        Page.objects.filter(title__startswith="FMK i hverdagen")
        .exclude(content_type__model="quizpage")
        .first()
    )
    evaluation, _ = CourseEvaluation.objects.get_or_create(
        name=name,
        defaults={"pre_test": quizzes[pre], "post_test": quizzes[post], "course_page": course},
    )
    return evaluation


def place_quiz_pages(quizzes):
    """A quiz page under each demo course whose title names the quiz's topic, where the course
    allows quiz pages (the course engineer decides that)."""
    for quiz in quizzes.values():
        topic = quiz.title.split(" – ")[0]
        for course in Page.objects.filter(title__startswith=topic).exclude(
            content_type__model="quizpage"
        ):
            if not QuizPage.can_create_at(course.specific):
                continue
            if QuizPage.objects.child_of(course).filter(quiz=quiz).exists():
                continue
            page = QuizPage(title=quiz.title, slug=f"quiz-{quiz.pk}", quiz=quiz)
            course.add_child(instance=page)
            page.save_revision().publish()


def _simulated_picks(shown, skill, rng):
    picks = {}
    for item in shown:
        question = item.question
        right = rng.random() < skill
        keys = item.keys_in_right_order
        correct = item.correct_keys
        wrong = [k for k in keys if k not in correct]
        if question.kind == Kind.ORDERING:
            order = keys[:]
            if not right:
                i = rng.randrange(len(order) - 1)
                order[i], order[i + 1] = order[i + 1], order[i]
            picks[question.pk] = order
        elif question.kind == Kind.MULTIPLE:
            picks[question.pk] = correct if right else correct[:1] + wrong[:1]
        else:
            picks[question.pk] = correct[:1] if right else [rng.choice(wrong)]
    return picks


def load_attempts(quizzes):
    """First attempts of demo staff at the FMK pre- and post-test (once)."""
    _name, pre, post = EVALUATION
    if quizzes[pre].attempts.exists():
        return
    from cms.demo import DEMO_USERS

    personas = [email for email, *_rest in DEMO_USERS]
    people = list(
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .exclude(Q(email__in=personas) | Q(email=""))
        .order_by("pk")[:PEOPLE]
    )
    rng = random.Random(SEED)  # noqa: S311  # a repeatable demo, not a secret
    for person in people:
        for title, skill in ((pre, 0.35 + rng.random() * 0.3), (post, 0.65 + rng.random() * 0.3)):
            attempt = start_attempt(quizzes[title], person, rng=rng)
            submit_attempt(attempt, _simulated_picks(shown_questions(attempt.layout), skill, rng))


def load_quiz_demo():
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        grant_editor_permissions(editors)
    quizzes = load_quizzes(load_bank())
    load_evaluation(quizzes)
    place_quiz_pages(quizzes)
    load_attempts(quizzes)
    return quizzes
