"""Demo quizzes for the demo catalogue (``cms.demo_catalogue``): one assessment per course that
awards a competence, placed in the course's last lesson, with scenario questions that test the
workflow rather than recall. Danish, never patient data; demonstration content to be reviewed by
subject experts before real use.

Two courses are evaluated with a pre/post pair (EVALUATIONS): the correspondence message (the
same four questions before and after) and FMK (a fixed pre-test, a post-test of 4 random
questions from the FMK bank). Synthetic first attempts by demo staff make the item analysis and
the pre/post change show numbers. Idempotent: quizzes and questions are found by their text,
attempts are made only once.
"""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from wagtail.models import Page

from learning.competences.models import Competence

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

# bank name: (competence code, [(kind, text, explanation, [(choice, correct, feedback)])])
BANK = {
    "km": (
        "N2",
        [
            (
                S,
                "Du vil bede egen læge om at forny en recept inden for en uge. Hvordan gør du?",
                "En korrespondancemeddelelse er sikker, dokumenteres hos begge og kan besvares, "
                "når lægen har tid. Det haster ikke, så telefonen er ikke nødvendig.",
                [
                    ("Sender en korrespondancemeddelelse til borgerens egen læge", True, "Ja."),
                    (
                        "Sender en almindelig e-mail til klinikken",
                        False,
                        "Nej, e-mail er ikke en sikker kanal til helbredsoplysninger.",
                    ),
                    (
                        "Ringer til klinikken med det samme",
                        False,
                        "Det går, men sagen haster ikke og bør dokumenteres skriftligt.",
                    ),
                ],
            ),
            (
                TF,
                "En borger har fået pludselig brystsmerter. Du sender en korrespondancemeddelelse "
                "med høj prioritet til egen læge. Er det den rigtige handling?",
                "Korrespondancemeddelelsen er ikke til akutte situationer. Ring 112 eller til "
                "lægen.",
                [
                    (SANDT, False, "Nej, akutte situationer klares på telefon."),
                    (FALSK, True, "Rigtigt: ring."),
                ],
            ),
            (
                M,
                "Du skriver om en uoverensstemmelse i medicinen. Hvad skal med i meddelelsen? "
                "Vælg alle rigtige.",
                "Modtageren skal kunne handle uden at ringe tilbage: hvad er set, hvad er gjort, "
                "hvad spørges der om, hvornår, og hvem svarer man.",
                [
                    ("Hvad du har observeret, og hvad du allerede har gjort", True, ""),
                    ("Et konkret spørgsmål og hvornår du har brug for svar", True, ""),
                    ("Dit navn, din funktion og et direkte telefonnummer", True, ""),
                    (
                        "Borgerens CPR-nummer i emnefeltet",
                        False,
                        "Nej, borgeren er allerede identificeret i meddelelsen.",
                    ),
                ],
            ),
            (
                ORD,
                "Du får svar på en korrespondancemeddelelse og skal sende et foto af et sår "
                "tilbage. Sæt trinene i rækkefølge.",
                "Svar i samme tråd, så historikken følger med.",
                [
                    ("Åbn den modtagne meddelelse i tråden", False, ""),
                    ("Vælg at besvare den", False, ""),
                    ("Skriv dit svar og vedhæft fotoet", False, ""),
                    ("Kontrollér modtageren og send", False, ""),
                ],
            ),
        ],
    ),
    "udskrivelse": (
        "N2",
        [
            (
                S,
                "Hjemmeplejen får en sygehusadvis om, at fru Jensen er indlagt. Hvad betyder det "
                "for hjemmeplejen?",
                "Adviset fortæller hjemkommunen, at borgeren er indlagt, så besøgene kan sættes i "
                "bero. Det er ikke en anmodning om svar.",
                [
                    ("Besøgene kan sættes i bero, mens hun er indlagt", True, "Ja."),
                    (
                        "Hjemmeplejen skal svare sygehuset med en korrespondancemeddelelse",
                        False,
                        "Nej, adviset er en besked, ikke et spørgsmål.",
                    ),
                    (
                        "Hun er udskrevet og skal have besøg i aften",
                        False,
                        "Nej, det er indlæggelse.",
                    ),
                ],
            ),
            (
                S,
                "Hvem sender epikrisen efter en indlæggelse, og til hvem?",
                "Sygehuset sender epikrisen til borgerens egen læge med forløbet og det, lægen "
                "skal følge op på.",
                [
                    ("Sygehuset, til borgerens egen læge", True, "Ja."),
                    ("Hjemmeplejen, til sygehuset", False, "Nej, det er indlæggelsesrapporten."),
                    ("Egen læge, til kommunen", False, "Nej."),
                ],
            ),
            (
                S,
                "Din korrespondancemeddelelse står som ikke leveret. Hvad gør du først?",
                "Tjek modtageren (SOR-enheden) og send igen til den rigtige. Haster det, ringer "
                "du.",
                [
                    ("Tjekker modtageren og sender igen til den rigtige enhed", True, "Ja."),
                    (
                        "Venter: meddelelsen kommer nok frem senere",
                        False,
                        "Nej, uden kvittering må du ikke gå ud fra, at den er modtaget.",
                    ),
                    ("Sender den samme meddelelse igen og igen", False, "Nej, find årsagen."),
                ],
            ),
            (
                TF,
                "Fredag eftermiddag ser hjemmesygeplejersken, at medicinkortet ikke er afstemt "
                "efter udskrivelsen. Hun bør kontakte afdelingen, før lægerne går hjem.",
                "Det er sygehuslægen, der afstemmer ved udskrivelse. Spørg, mens de er der.",
                [(SANDT, True, "Rigtigt."), (FALSK, False, "Jo, kontakt afdelingen i tide.")],
            ),
        ],
    ),
    "fmk": (
        "N3",
        [
            (
                S,
                "Hvem afstemmer borgerens medicinkort i FMK ved udskrivelse fra sygehuset?",
                "Den behandlingsansvarlige læge på sygehuset opdaterer og afstemmer kortet ved "
                "udskrivelse, jf. Sundhedsdatastyrelsen.",
                [
                    ("Den behandlingsansvarlige læge på sygehuset", True, "Ja."),
                    ("Hjemmesygeplejersken ved første besøg", False, "Nej, hun ser og handler."),
                    ("Apoteket", False, "Nej."),
                ],
            ),
            (
                S,
                "Hjemmesygeplejersken finder en æske tabletter hos borgeren, som ikke står på "
                "medicinkortet. Hvad gør hun?",
                "Sygeplejersken retter ikke selv i ordinationen. Hun kontakter lægen og "
                "dokumenterer.",
                [
                    (
                        "Kontakter borgerens læge med præcise oplysninger og dokumenterer",
                        True,
                        "Ja.",
                    ),
                    ("Tilføjer tabletterne til medicinkortet", False, "Nej, det gør lægen."),
                    ("Kasserer tabletterne uden at spørge", False, "Nej, spørg borgeren og lægen."),
                ],
            ),
            (
                S,
                "Hjemmesygeplejersken vil vide, om borgeren har hentet sin nye medicin på "
                "apoteket, og hvad sygehusets blodprøve viste. Hvor finder hun hvad?",
                "FMK viser recepter og udleveret medicin; laboratoriesvar finder hun i "
                "Sundhedsjournalen.",
                [
                    ("Udleveringen i FMK, blodprøven i Sundhedsjournalen", True, "Ja."),
                    ("Begge dele i FMK", False, "Nej, blodprøvesvar står ikke i FMK."),
                    ("Begge dele i Digital Post", False, "Nej."),
                ],
            ),
            (
                TF,
                "En social- og sundhedsassistent i hjemmeplejen må gerne slå op i FMK på en nabo, "
                "som ikke er hendes borger, for at hjælpe.",
                "Opslag kræver, at borgeren er i aktuel behandling hos dig.",
                [(SANDT, False, "Nej, kun i aktuel behandling."), (FALSK, True, "Rigtigt.")],
            ),
            (
                ORD,
                "Første besøg efter udskrivelse. Sæt hjemmesygeplejerskens trin i rækkefølge.",
                "Tjek afstemningen, sammenlign med virkeligheden, kontakt lægen, dokumentér.",
                [
                    ("Se, hvornår medicinkortet sidst er afstemt", False, ""),
                    ("Sammenlign kortet med den medicin, borgeren har", False, ""),
                    ("Kontakt lægen om uoverensstemmelser", False, ""),
                    ("Dokumentér, hvad du fandt og gjorde", False, ""),
                ],
            ),
            (
                TF,
                "Du må gerne bruge en rigtig borgers medicinkort som eksempel i undervisning.",
                "Brug altid testpatienter fra testmiljøet, aldrig rigtige personoplysninger.",
                [(SANDT, False, "Nej, brug testpatienter."), (FALSK, True, "Rigtigt.")],
            ),
        ],
    ),
    "opslag": (
        "N4",
        [
            (
                S,
                "En kollega spørger, hvordan det går en borger, der er flyttet til en anden "
                "kommune. Må du slå borgeren op i Sundhedsjournalen?",
                "Opslag er kun lovligt, når borgeren er i aktuel behandling hos dig.",
                [
                    ("Nej, borgeren er ikke i behandling hos mig", True, "Rigtigt."),
                    ("Ja, når kollegaen spørger af omsorg", False, "Nej."),
                    ("Ja, hvis jeg kun kigger kort", False, "Nej, og opslaget logges."),
                ],
            ),
            (
                S,
                "Du tilser en borger, der kom hjem fra et sygehus i en anden region i går. Hvad "
                "slår du op?",
                "Slå kun det op, behandlingen kræver, fx epikrisen fra indlæggelsen.",
                [
                    ("Epikrisen og det, der vedrører indlæggelsen", True, "Ja."),
                    ("Hele journalen for en sikkerheds skyld", False, "Nej, kun det nødvendige."),
                    ("Ingenting: andre regioner kan man ikke se", False, "Jo, det kan man."),
                ],
            ),
            (
                TF,
                "Borgeren kan i Min Log på sundhed.dk se, hvem der har slået op i deres "
                "oplysninger.",
                "Derfor – og af respekt for borgeren – skal hvert opslag have et lovligt formål.",
                [(SANDT, True, "Rigtigt."), (FALSK, False, "Jo, borgeren kan se det i Min Log.")],
            ),
            (
                ORD,
                "Sæt trinene i rækkefølge ved et lovligt opslag.",
                "Formålet kommer først: uden aktuel behandling intet opslag.",
                [
                    ("Sikr dig, at borgeren er i aktuel behandling hos dig", False, ""),
                    ("Log på som medarbejder", False, ""),
                    ("Find kun de oplysninger, behandlingen kræver", False, ""),
                    ("Dokumentér i journalen, hvad du har brugt", False, ""),
                ],
            ),
        ],
    ),
    "video": (
        "N5",
        [
            (
                S,
                "Fem minutter før en virtuel udskrivningskonference kan borgeren ikke få lyd. "
                "Hvad gør du?",
                "Hav en plan B: ring op og gennemfør mødet på telefon frem for at aflyse.",
                [
                    ("Ringer op og gennemfører mødet på telefon", True, "Ja."),
                    ("Aflyser og finder en ny dag", False, "Nej, udskrivelsen venter ikke."),
                    ("Holder mødet uden borgeren", False, "Nej, borgeren skal inddrages."),
                ],
            ),
            (
                M,
                "Hvad hører med til forberedelsen af en videokonsultation? Vælg alle rigtige.",
                "Link, deltagere, test af udstyr og en plan B gør mødet trygt.",
                [
                    ("Send linket til alle deltagere", True, ""),
                    ("Test lyd og billede og find et stille rum", True, ""),
                    ("Notér et telefonnummer som plan B", True, ""),
                    (
                        "Optag mødet, så du slipper for at dokumentere",
                        False,
                        "Nej, du dokumenterer i journalen.",
                    ),
                ],
            ),
            (
                S,
                "Hvem dokumenterer aftalerne efter en virtuel udskrivningskonference?",
                "Hver part dokumenterer i sin egen journal, hvem der gør hvad og hvornår.",
                [
                    ("Hver part i sin egen journal", True, "Ja."),
                    ("Kun sygehuset", False, "Nej, kommunen skal også kunne handle."),
                    ("Ingen: det er en samtale", False, "Nej."),
                ],
            ),
            (
                TF,
                "En borger vil hellere ses end tale på video. Digital først betyder, at du "
                "alligevel "
                "skal insistere på video.",
                "Vælg kontaktform efter opgaven og borgeren; digital først er ikke digital altid.",
                [(SANDT, False, "Nej."), (FALSK, True, "Rigtigt.")],
            ),
        ],
    ),
    "telemedicin": (
        "N6",
        [
            (
                S,
                "En borger med KOL har iltmætning under sin grænse to dage i træk og hoster mere. "
                "Hvad gør du først?",
                "Vurdér målingen og kontakt borgeren; handl så efter borgerens plan.",
                [
                    ("Ringer til borgeren og spørger til symptomerne", True, "Ja."),
                    ("Venter på næste uges måling", False, "Nej, reagér samme dag."),
                    ("Ændrer selv borgerens medicin", False, "Nej, det er lægens opgave."),
                ],
            ),
            (
                TF,
                "Systemet ændrer selv behandlingen, når en måling ligger uden for grænsen.",
                "Et system markerer, men en fagperson vurderer og handler.",
                [(SANDT, False, "Nej."), (FALSK, True, "Rigtigt.")],
            ),
            (
                S,
                "En borgers vægt er steget 2 kg på tre dage, men borgeren vejede sig i "
                "vinterjakke. "
                "Hvad er det rigtige næste skridt?",
                "Vurdér, om målingen er rigtig, før du handler på den.",
                [
                    ("Bed borgeren veje sig igen uden overtøj og spørg til symptomer", True, "Ja."),
                    ("Ring 112", False, "Nej, vurdér først."),
                    ("Ignorér målingen", False, "Nej, følg op."),
                ],
            ),
            (
                ORD,
                "Sæt trinene i rækkefølge, når en måling ligger uden for grænsen.",
                "Se, vurdér, kontakt, handl efter aftalen og dokumentér.",
                [
                    ("Se målingen og borgerens svar", False, ""),
                    ("Vurdér, om målingen er rigtig", False, ""),
                    ("Kontakt borgeren", False, ""),
                    ("Handl efter aftalen og dokumentér", False, ""),
                ],
            ),
        ],
    ),
    "inklusion": (
        "N9",
        [
            (
                S,
                "Fru Madsen, 88 år, har ingen smartphone og har misset to indkaldelser i Digital "
                "Post. Hvad hjælper du hende med?",
                "Spørg, hvad hun ønsker: læseadgang for en pårørende eller fritagelse og post på "
                "papir.",
                [
                    (
                        "At vælge mellem læseadgang for datteren og fritagelse hos Borgerservice",
                        True,
                        "Ja.",
                    ),
                    ("At du læser hendes post med hendes MitID", False, "Nej, aldrig."),
                    ("Ingenting: Digital Post er obligatorisk", False, "Nej, fritagelse findes."),
                ],
            ),
            (
                TF,
                "Du må logge på sundhed.dk med borgerens MitID, hvis borgeren beder dig om det.",
                "Brug aldrig borgerens MitID. Hjælp borgeren selv eller brug fuldmagt.",
                [(SANDT, False, "Nej."), (FALSK, True, "Rigtigt.")],
            ),
            (
                S,
                "Datteren vil hjælpe sin far med at se hans prøvesvar og skrive til kommunen. "
                "Hvad skal hun bruge?",
                "En digital fuldmagt giver adgang til det, den er givet til; læseadgang til "
                "Digital Post giver kun læsning af posten.",
                [
                    ("En fuldmagt, der dækker det, hun skal hjælpe med", True, "Ja."),
                    ("Hans MitID-kode", False, "Nej."),
                    ("Ingenting: pårørende må altid hjælpe", False, "Nej, der skal fuldmagt til."),
                ],
            ),
            (
                M,
                "Hvilke apps kan en borger bruge selv? Vælg alle rigtige.",
                "Min Læge, Medicinkortet og Digital Post-appen er til borgeren.",
                [
                    ("Min Læge til kontakt med egen læge", True, ""),
                    ("Medicinkortet til egen medicin og fornyelse af recepter", True, ""),
                    ("Digital Post-appen til post fra det offentlige", True, ""),
                    ("Kommunens omsorgsjournal", False, "Nej, den er til personalet."),
                ],
            ),
        ],
    ),
    "identitet": (
        "N7",
        [
            (
                S,
                "En travl kollega beder dig logge på FMK for hende med din MitID Erhverv. Hvad "
                "gør du?",
                "Del aldrig dit log-in: alt, der sker, står i dit navn.",
                [
                    ("Siger nej og hjælper hende med at få sin egen adgang", True, "Ja."),
                    ("Logger på og lader hende arbejde videre", False, "Nej."),
                    ("Giver hende din kode, så hun kan selv", False, "Nej, aldrig."),
                ],
            ),
            (
                TF,
                "Du får en godkendelse i MitID-appen, som du ikke selv har startet. Du bør "
                "godkende den, for den kommer nok fra arbejdet.",
                "Godkend kun log-in, du selv har startet, og sig det videre.",
                [(SANDT, False, "Nej, afvis den."), (FALSK, True, "Rigtigt.")],
            ),
            (
                S,
                "En lægesekretær stopper i klinikken fredag. Hvad skal der ske med hendes adgang?",
                "Klinikkens administrator lukker adgangen, når en medarbejder stopper.",
                [
                    ("Klinikkens administrator lukker den", True, "Ja."),
                    ("Den kan bruges af den nye sekretær", False, "Nej."),
                    ("Ingenting, den udløber af sig selv", False, "Nej."),
                ],
            ),
            (
                S,
                "Du arbejder på Aalborg Universitetshospital og skal bruge en national "
                "sundhedsløsning, der logger på gennem SEB. Log-in-siden spørger, hvor du vil "
                "logge på. Hvad vælger du?",
                "SEB lader dig logge på gennem din arbejdsplads' log-in; Region Nordjylland har "
                "sit eget tilsluttet. Privat MitID er ikke til arbejdet.",
                [
                    ("Region Nordjyllands log-in, som du bruger på arbejdet", True, "Ja."),
                    ("Log-in som privatperson med dit private MitID", False, "Nej."),
                    ("En kollegas log-in, som allerede er åbent", False, "Nej, aldrig."),
                ],
            ),
        ],
    ),
    "sikkerhed": (
        "N8",
        [
            (
                S,
                "Du opdager, at du har sendt en meddelelse om en borger til den forkerte klinik. "
                "Hvad gør du?",
                "Begræns skaden og sig det straks; arbejdspladsen vurderer anmeldelse inden 72 "
                "timer.",
                [
                    (
                        "Beder klinikken slette den og siger det straks til min leder",
                        True,
                        "Ja.",
                    ),
                    ("Venter til mandag med at sige det", False, "Nej, fristen løber."),
                    ("Sender den bare igen til den rigtige", False, "Ikke nok: sig det også."),
                ],
            ),
            (
                TF,
                "Det er i orden at sende et foto af et sår til egen læge med almindelig sms, når "
                "det går stærkt.",
                "Helbredsoplysninger sendes ad sikre kanaler, fx en korrespondancemeddelelse.",
                [(SANDT, False, "Nej."), (FALSK, True, "Rigtigt.")],
            ),
            (
                M,
                "Hvilke hændelser kan være et brud på persondatasikkerheden? Vælg alle rigtige.",
                "Forkert modtager, mistet udstyr uden beskyttelse og opslag uden formål.",
                [
                    ("En meddelelse sendt til forkert modtager", True, ""),
                    ("En mistet telefon uden kode med billeder af sår", True, ""),
                    ("Et opslag i Sundhedsjournalen uden behandlingsformål", True, ""),
                    ("En meddelelse sendt til den rigtige modtager", False, ""),
                ],
            ),
            (
                S,
                "Du får en mail om, at din adgangskode udløber, med et link til at logge på. "
                "Hvad gør du?",
                "Klik ikke på links i uventede mails; gå selv ind ad den kendte vej, og meld det.",
                [
                    ("Klikker ikke og melder mailen til it-support", True, "Ja."),
                    (
                        "Klikker og logger på for en sikkerheds skyld",
                        False,
                        "Nej, det er phishing.",
                    ),
                    ("Sender mailen videre til kollegerne", False, "Nej."),
                ],
            ),
        ],
    ),
    "digital": (
        "N1",
        [
            (
                S,
                "En borger i hjemmeplejen har fået mere åndenød i løbet af formiddagen. Hvordan "
                "kontakter du lægen?",
                "Akutte situationer klares på telefon; en skriftlig besked kan ligge ulæst.",
                [
                    ("Ringer", True, "Ja."),
                    ("Sender en korrespondancemeddelelse", False, "Nej, det haster."),
                    ("Skriver det i journalen til næste vagt", False, "Nej."),
                ],
            ),
            (
                S,
                "Sygehuset, hjemmeplejen og borgeren skal aftale en udskrivelse. Borgeren bor 60 "
                "km fra sygehuset. Hvad foreslår du?",
                "En virtuel udskrivningskonference sparer transport, hvis borgeren kan og vil.",
                [
                    ("En virtuel udskrivningskonference", True, "Ja."),
                    ("At alle mødes på sygehuset", False, "Muligt, men dyrere for alle."),
                    ("At hver part skriver til de andre", False, "Nej, her skal I tale sammen."),
                ],
            ),
            (
                TF,
                "Digital først betyder, at alle borgere skal kontaktes digitalt.",
                "Digital kontakt er førstevalget, når det passer til opgaven og borgeren.",
                [(SANDT, False, "Nej."), (FALSK, True, "Rigtigt.")],
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
        ],
    ),
    "data": (
        "N11",
        [
            (
                S,
                "Du vil vide, om et kursus om FMK har virket i dit team. Hvad ser du på først?",
                "Brug de data, I allerede har, fx før- og eftertesten.",
                [
                    ("Før- og eftertestens resultater", True, "Ja."),
                    (
                        "Et nyt spørgeskema til alle om alt",
                        False,
                        "Nej, start med eksisterende data.",
                    ),
                    ("Antal sider, de har klikket på", False, "Siger ikke meget."),
                ],
            ),
            (
                TF,
                "En oversigt over tre medarbejderes testresultater i en lille enhed kan deles med "
                "hele regionen.",
                "Små grupper kan afsløre enkeltpersoner; medarbejderdata er personoplysninger.",
                [(SANDT, False, "Nej."), (FALSK, True, "Rigtigt.")],
            ),
            (
                S,
                "Dækningsoversigten viser, at halvdelen af teamet mangler kurset om "
                "korrespondancemeddelelsen. Hvad gør du?",
                "Sæt tid af, brug superbrugerne, og følg op.",
                [
                    ("Sætter ti minutter af på teammødet og følger op om en måned", True, "Ja."),
                    ("Sender en påmindelse og lukker sagen", False, "Ikke nok."),
                    ("Venter, til der kommer en klage", False, "Nej."),
                ],
            ),
            (
                M,
                "Hvad skal I afklare, før I måler på en digital arbejdsgang? Vælg alle rigtige.",
                "Formål, eksisterende data og hvem der handler på tallene.",
                [
                    ("Hvad vi vil ændre", True, ""),
                    ("Hvilke data der allerede viser det", True, ""),
                    ("Hvem der handler, når tallene ændrer sig", True, ""),
                    ("Hvordan vi får så mange data som muligt", False, "Nej, kun det nødvendige."),
                ],
            ),
        ],
    ),
}

# (title, intro, competence for the record or None, level, options, question source)
# question source: a bank name (its whole bank, fixed) or ("random", bank, n) or
# (bank, [question numbers]).
QUIZZES = [
    (
        "Korrespondancemeddelelsen – før kurset",
        "Hvad ved du allerede om korrespondancemeddelelsen? Prøven tæller ikke.",
        None,
        1,
        {"pass_mark": 0},
        ("km", [0, 1, 2, 3]),
    ),
    (
        "Korrespondancemeddelelsen (KM)",
        "Fire situationer, hvor du skal vælge og skrive en korrespondancemeddelelse.",
        "N2",
        2,
        {"shuffle_choices": True},
        "km",
    ),
    (
        "Fra indlæggelse til udskrivelse",
        "Sygehusadvis, epikrise og meddelelser, der ikke kommer frem.",
        "N2",
        2,
        {"shuffle_choices": True},
        "udskrivelse",
    ),
    (
        "FMK i hverdagen – før kurset",
        "Hvad ved du allerede om FMK? Prøven tæller ikke.",
        None,
        1,
        {"pass_mark": 0},
        ("fmk", [0, 1, 2, 4]),
    ),
    (
        "FMK i hverdagen – efter kurset",
        "Fire tilfældige spørgsmål fra FMK-banken.",
        "N3",
        2,
        {
            "shuffle_questions": True,
            "shuffle_choices": True,
            "max_attempts": 3,
            "cooldown_minutes": 10,
        },
        ("random", "fmk", 4),
    ),
    (
        "Sundhedsjournalen – lovligt opslag",
        "Hvornår må du slå op, og hvad?",
        "N4",
        2,
        {"time_limit_minutes": 10},
        "opslag",
    ),
    ("Video og virtuelle møder", "Før, under og efter et videomøde.", "N5", 2, {}, "video"),
    (
        "Telemedicin med TELMA og TeleCare Nord",
        "Målinger uden for grænsen: hvad gør du?",
        "N6",
        2,
        {"shuffle_choices": True},
        "telemedicin",
    ),
    ("Hjælp borgeren i gang", "Borgere, apps og alternativer.", "N9", 2, {}, "inklusion"),
    ("MitID Erhverv og SEB", "Din digitale identitet på arbejdet.", "N7", 2, {}, "identitet"),
    ("Informationssikkerhed og GDPR", "Del det nødvendige, sikkert.", "N8", 2, {}, "sikkerhed"),
    (
        "Digital først – vælg den rette kontaktform",
        "Vælg kanal efter opgaven og borgeren.",
        "N1",
        2,
        {},
        "digital",
    ),
    ("Data og digital læring", "Data til opfølgning, og læring i teamet.", "N11", 2, {}, "data"),
]
# (evaluation name, pre-test, post-test, course slug)
EVALUATIONS = [
    (
        "Korrespondancemeddelelsen – før og efter",
        "Korrespondancemeddelelsen – før kurset",
        "Korrespondancemeddelelsen (KM)",
        "korrespondancemeddelelsen",
    ),
    (
        "FMK i hverdagen – medicinafstemning på tværs af sektorer",
        "FMK i hverdagen – før kurset",
        "FMK i hverdagen – efter kurset",
        "fmk-i-hverdagen",
    ),
]
PEOPLE = 30
SEED = 2026


def load_bank():
    """The demo questions, by bank name, created where missing."""
    codes = {code for code, _questions in BANK.values()}
    competences = {c.code: c for c in Competence.objects.filter(code__in=codes)}
    bank = {}
    for name, (code, questions) in BANK.items():
        bank[name] = []
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
            bank[name].append(question)
    return bank


def load_quizzes(bank):
    codes = {code for code, _questions in BANK.values()}
    competences = {c.code: c for c in Competence.objects.filter(code__in=codes)}
    quizzes = {}
    for title, intro, code, level, options, source in QUIZZES:
        quiz = Quiz.objects.filter(title=title).first()
        if quiz is None:
            fields = {
                "title": title,
                "intro": intro,
                "competence": competences.get(code),
                "competence_level": level,
                **options,
            }
            if isinstance(source, tuple) and source[0] == "random":
                # Drawn from every bank question tagged with the bank's competence.
                fields.update(selection=Selection.RANDOM, draw_count=source[2])
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


def load_evaluations(quizzes, courses):
    """The pre/post evaluations, each tied to its course among the page queryset ``courses``
    (when the course is loaded). The course pages are the cms's, above this app: it passes them.
    """
    evaluations = []
    for name, pre, post, slug in EVALUATIONS:
        evaluation, _ = CourseEvaluation.objects.get_or_create(
            name=name,
            defaults={
                "pre_test": quizzes[pre],
                "post_test": quizzes[post],
                "course_page": courses.filter(slug=slug).first(),
            },
        )
        evaluations.append(evaluation)
    return evaluations


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


def load_attempts(quizzes, personas=()):
    """First attempts of demo staff at each evaluation's pre- and post-test (once), by people
    other than the demo's personas (their e-mail addresses), whose records the tour shows."""
    _name, pre, _post, _slug = EVALUATIONS[0]
    if quizzes[pre].attempts.exists():
        return
    people = list(
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .exclude(Q(email__in=personas) | Q(email=""))
        .order_by("pk")[:PEOPLE]
    )
    rng = random.Random(SEED)  # noqa: S311  # a repeatable demo, not a secret
    for _name, pre, post, _slug in EVALUATIONS:
        for person in people:
            for title, skill in (
                (pre, 0.35 + rng.random() * 0.3),
                (post, 0.65 + rng.random() * 0.3),
            ):
                attempt = start_attempt(quizzes[title], person, rng=rng)
                picks = _simulated_picks(shown_questions(attempt.layout), skill, rng)
                submit_attempt(attempt, picks)


def load_quiz_demo(courses=None, personas=()):
    """The demo quizzes, their evaluations of the course pages among ``courses`` (a page
    queryset) and first attempts by people other than ``personas``."""
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        grant_editor_permissions(editors)
    quizzes = load_quizzes(load_bank())
    load_evaluations(quizzes, Page.objects.none() if courses is None else courses)
    place_quiz_pages(quizzes)
    load_attempts(quizzes, personas)
    return quizzes
