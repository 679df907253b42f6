"""The demo catalogue's text: eleven courses, in Danish, for the roles that use each workflow.

Demonstration content written from the public guidance it links to (``cms.demo_sources``). It
must be reviewed by subject experts before real use. Where we do not know a system's screens,
the text describes the workflow generically and sends the reader to the local superuser; it
never invents menu paths. Who does what (for example: the doctor responsible for treatment
reconciles the medication card) follows the sources.

A lesson is (title, [blocks]); blocks are ``(type, value)`` pairs for the lesson StreamField,
with videos named by the video demo's key and quizzes by the quiz demo's title.
"""

from cms.demo_sources import link, read_more

ALL = []
HOSPITAL, MUNICIPAL, PRACTICE = "region", "municipality", "general_practice"

DEMO_NOTICE = (
    "<p><strong>Demonstrationsindhold.</strong> Kurset er skrevet til at vise platformen og "
    "bygger på offentlige vejledninger, som der linkes til. Det skal gennemgås af fagpersoner, "
    "før det bruges i praksis.</p>"
)


def text(*parts):
    """Paragraphs; a part that already starts with a tag (a list, a heading) is kept as is."""
    return ("text", "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in parts))


def ul(*items):
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def steps(heading, *items):
    return (
        "steps",
        {
            "heading": heading,
            "steps": [
                {"title": title, "text": f"<p>{body}</p>" if body else ""} for title, body in items
            ],
        },
    )


def callout(kind, heading, body):
    return ("callout", {"kind": kind, "heading": heading, "text": f"<p>{body}</p>"})


def tabs(heading, hospital, municipal, gp):
    return (
        "system_tabs",
        {
            "heading": heading,
            "tabs": [
                {"system": "nordepj", "text": f"<p>{hospital}</p>"},
                {"system": "municipal", "text": f"<p>{municipal}</p>"},
                {"system": "gp", "text": f"<p>{gp}</p>"},
            ],
        },
    )


def video(key, title):
    return ("video", {"video": key, "title": title, "chapters": ""})


def quiz(title, heading=""):
    return ("quiz", {"quiz": title, "heading": heading})


SUPERUSER = (
    "Skærmbillederne er forskellige fra system til system og fra version til version. Spørg din "
    "superbruger, hvor funktionen ligger hos jer."
)

COURSES = [
    {
        "slug": "digital-foerst",
        "title": "Digital først – vælg den rette kontaktform (LEON i praksis)",
        "summary": "Hvornår skriver du, ringer du eller mødes I på video? Lær at vælge den "
        "kontaktform, der passer til opgaven og til borgeren, uden at nogen bliver ladt i stikken.",
        "sectors": ALL,
        "roles": [],
        "owner": "DEMO-RN",
        "competences": [("N1", 2), ("N9", 1)],
        "lessons": [
            (
                "Hvad betyder digital først og LEON?",
                [
                    text(
                        "Det Nordjyske eSundhedsvæsen handler om at bruge digital teknologi til "
                        "at levere sundhedsydelser på tværs af sektorer, med borgere og pårørende "
                        f"inddraget ({link('esundhed', 'Region Nordjylland')}). Retningen for "
                        "arbejdet gør digital kontakt til det naturlige førstevalg. "
                        "Robusthedskommissionen anbefalede det samme under overskriften "
                        "»digitalt og teknologisk først« "
                        f"({link('robusthed', 'Altinget om anbefalingerne')}).",
                        "Digital først betyder ikke, at alt skal være digitalt. Det betyder, at du "
                        "overvejer den digitale løsning først og vælger den, når den er god nok "
                        "til opgaven og passer til borgeren. Hvis ikke, vælger du noget andet.",
                        "LEON-princippet står for laveste effektive omkostningsniveau: opgaven "
                        "løses dér, hvor den løses bedst og med mindst ressourceforbrug, uden at "
                        "kvaliteten falder. En videosamtale mellem hjemmesygeplejersken og "
                        "sygehusets specialist kan fx spare borgeren en tur på sygehuset.",
                    ),
                    text(
                        "<h2>Tre spørgsmål, før du vælger</h2>",
                        ul(
                            "<strong>Hvor hurtigt skal modtageren handle?</strong> Akutte "
                            "situationer klares altid på telefon eller ved at tilkalde hjælp – "
                            "aldrig kun skriftligt.",
                            "<strong>Skal det dokumenteres hos modtageren?</strong> Så brug en "
                            "MedCom-meddelelse, som lander i modtagerens journal.",
                            "<strong>Hvad kan og vil borgeren?</strong> Spørg. Nogle borgere "
                            "foretrækker video, andre har brug for et fysisk besøg eller en "
                            "pårørende ved siden af.",
                        ),
                    ),
                    callout(
                        "tip",
                        "Tommelfingerregel",
                        "Vælg den kontaktform, der løser opgaven sikkert med mindst besvær for "
                        "borgeren – ikke den, der er nemmest for dig.",
                    ),
                ],
            ),
            (
                "Vælg kontaktform – fire situationer",
                [
                    text(
                        "Her er fire typiske situationer fra hjemmeplejen, sygehuset og almen "
                        "praksis. Overvej selv dit valg, før du læser forslaget."
                    ),
                    steps(
                        "Situationer",
                        (
                            "Borgeren har fået mere åndenød i løbet af formiddagen",
                            "Ring til egen læge, lægevagten eller 112 efter alvor. En skriftlig "
                            "besked kan "
                            "ligge ulæst i timevis.",
                        ),
                        (
                            "Du vil bede lægen om at forny en recept inden for en uge",
                            "En korrespondancemeddelelse er rigtig: den er sikker, dokumenteres "
                            "hos begge parter, og lægen kan svare, når det passer i dagens "
                            "program.",
                        ),
                        (
                            "Sygehuset, hjemmeplejen og borgeren skal aftale udskrivelsen",
                            "Foreslå en virtuel udskrivningskonference. Ingen skal køre, og "
                            "borgeren kan deltage fra sengen eller hjemmefra.",
                        ),
                        (
                            "En ældre borger uden smartphone skal have svar på en blodprøve",
                            "Digital først passer ikke her. Ring, eller aftal at svaret gives ved "
                            "næste besøg – og tjek, om borgeren er fritaget for Digital Post.",
                        ),
                    ),
                    text(
                        "<h2>Når borgeren ikke er digital</h2>",
                        "Hver digital arbejdsgang skal have et alternativ. Borgere, der ikke kan "
                        "bruge Digital Post, kan blive fritaget og få breve på papir "
                        f"({link('digital_post', 'Lemvig Kommune om Digital Post')}). Pårørende "
                        "kan få læseadgang eller fuldmagt. Det lærer du mere om i kurset »Hjælp "
                        "borgeren i gang«.",
                    ),
                    text(read_more("esundhed", "sundhedsaftale", "robusthed", "digital_post")),
                ],
            ),
            (
                "Test: vælg kontaktform",
                [
                    text(
                        "Fire situationer fra hverdagen. Du skal have 80 % rigtige for at "
                        "bestå, og "
                        "du kan tage testen igen."
                    ),
                    quiz("Digital først – vælg den rette kontaktform"),
                ],
            ),
        ],
    },
    {
        "slug": "korrespondancemeddelelsen",
        "title": "Korrespondancemeddelelsen – skriv, kategorisér, vedhæft og følg op",
        "summary": "MedComs korrespondancemeddelelse på tværs af sygehus, kommune og almen "
        "praksis: sådan skriver du en god besked, vælger kategori og følger op – med et godt og et "
        "dårligt eksempel.",
        "sectors": ALL,
        "roles": ["SYG", "SSA", "LAEGE", "PLAEGE", "PSYG", "LSEK", "FYS", "ERGO"],
        "owner": "DEMO-RN",
        "competences": [("N2", 2)],
        "lessons": [
            (
                "Hvad er en korrespondancemeddelelse?",
                [
                    quiz("Korrespondancemeddelelsen – før kurset", "Hvad ved du allerede?"),
                    text(
                        "Korrespondancemeddelelsen (KM) er MedComs standard for skriftlig dialog "
                        "om en borger mellem parterne i sundhedsvæsenet: sygehuse, kommuner, "
                        "praktiserende læger og andre. Den sendes sikkert over sundhedsdatanettet "
                        "og lander i modtagerens journal eller fagsystem "
                        f"({link('km')}).",
                        "MedCom har lavet en ny version, bygget på den internationale standard "
                        "HL7 FHIR, hvor meddelelsen hedder CareCommunication. Den nye version er "
                        "taget i brug trinvis fra november 2024. Den giver fælles nationale "
                        "kategorier, mulighed for at vedhæfte bilag og en tråd, så svar hænger "
                        f"sammen med det, de svarer på ({link('km_fhir')}).",
                    ),
                    text(
                        "<h2>Hvad er KM til – og ikke til?</h2>",
                        ul(
                            "<strong>Til:</strong> spørgsmål og beskeder, der ikke haster, om en "
                            "konkret borger: medicin, aftaler, observationer, praktiske forhold.",
                            "<strong>Ikke til:</strong> akutte situationer. Her ringer du.",
                            "<strong>Ikke til:</strong> beskeder, som har deres egen standard, fx "
                            "henvisninger, epikriser og sygehusadviser.",
                            "<strong>Ikke til:</strong> flere borgere i samme meddelelse. Én "
                            "borger og én sag pr. meddelelse.",
                        ),
                    ),
                    callout(
                        "important",
                        "Versionerne lever side om side",
                        "I overgangen kan du både møde den gamle og den nye version. MedCom "
                        "stiller en konvertering til rådighed i overgangsperioden, men det er dit "
                        "system, der afgør, hvad du ser. Læs MedComs side om status.",
                    ),
                ],
            ),
            (
                "Den gode og den dårlige meddelelse",
                [
                    text(
                        "Her er samme sag skrevet to gange. Hjemmesygeplejersken har opdaget, at "
                        "borgeren har en æske vanddrivende tabletter, som ikke står på "
                        "medicinkortet, efter at borgeren er kommet hjem fra sygehuset.",
                        "<h2>Dårligt eksempel</h2>",
                        ul(
                            "<strong>Modtager:</strong> Lægehuset (den første klinik, søgningen "
                            "viste)",
                            "<strong>Emne:</strong> Vedr. borger",
                            "<strong>Tekst:</strong> Hej. Vil du ringe, når du har tid? Der er "
                            "noget med medicinen. Mvh. hjemmeplejen",
                        ),
                        "Hvad er galt? Modtageren er måske forkert. Emnet og teksten siger intet "
                        "om sagen, så lægen kan ikke prioritere eller forberede sig. Der er intet "
                        "spørgsmål, ingen frist og ingen afsender med navn og telefonnummer. Lægen "
                        "må ringe tilbage for at finde ud af, hvad det drejer sig om.",
                        "<h2>Godt eksempel</h2>",
                        ul(
                            "<strong>Modtager:</strong> borgerens egen læge, fundet ud fra "
                            "borgerens oplysninger om egen læge",
                            "<strong>Kategori:</strong> den fælles kategori, der passer til "
                            "medicin",
                            "<strong>Emne:</strong> Uoverensstemmelse mellem medicinkort og "
                            "medicin i hjemmet efter udskrivelse",
                            "<strong>Tekst:</strong> Borgeren er udskrevet i går. I hjemmet står "
                            "en æske vanddrivende tabletter, som borgeren har taget hver morgen. "
                            "Præparatet står ikke på medicinkortet i FMK. Vi har bedt borgeren "
                            "vente med at tage dem, til vi hører fra dig. Skal borgeren fortsætte? "
                            "Vi har brug for svar i morgen inden kl. 12. Venlig hilsen Mette "
                            "Nielsen, sygeplejerske, Hjemmesygeplejen, direkte telefon 99 99 99 "
                            "99.",
                        ),
                        "Det gode eksempel svarer på de spørgsmål, modtageren ellers måtte stille: "
                        "hvem, hvad er observeret, hvad er gjort, hvad spørges der om, og hvornår "
                        "skal der svares.",
                    ),
                    callout(
                        "warning",
                        "Emnefeltet",
                        "Skriv aldrig CPR-nummer i emnefeltet eller i bilagets filnavn. Borgeren "
                        "er allerede identificeret i meddelelsen.",
                    ),
                    video("km", "Se den gode og den dårlige meddelelse"),
                ],
            ),
            (
                "Sådan gør du i dit system – og følg op",
                [
                    text(
                        "Arbejdsgangen er den samme i alle sektorer. Skærmbillederne er "
                        "forskellige. Her står, hvad der er fælles, og hvad du skal være "
                        "opmærksom på i hvert system."
                    ),
                    tabs(
                        "Send en korrespondancemeddelelse",
                        "I sygehusets journal sender du meddelelsen fra patientens journal. Vælg "
                        "modtager ud fra patientens egen læge eller hjemkommune, så den går til "
                        "den rigtige enhed. " + SUPERUSER,
                        "I omsorgsjournalen (fx Nexus eller Cura) sender du fra borgerens sag. "
                        "Kommunen har ofte en intern fordeling af indkomne meddelelser, så vælg "
                        "den kategori, der passer. " + SUPERUSER,
                        "I lægesystemet sender og modtager du korrespondance fra patientens "
                        "journal. Aftal i klinikken, hvem der åbner indkomne meddelelser hver "
                        "dag, også i ferier. " + SUPERUSER,
                    ),
                    steps(
                        "Følg op",
                        (
                            "Svar i samme tråd",
                            "Så kan modtageren se hele samtalen. Start ikke en ny meddelelse om "
                            "samme sag.",
                        ),
                        (
                            "Hold øje med leveringen",
                            "Dit system viser, hvis en meddelelse ikke er kvitteret eller er "
                            "afvist. Se kurset om sygehusadvis og rapporter for, hvad du så gør.",
                        ),
                        (
                            "Dokumentér",
                            "Notér i journalen, hvad du har spurgt om, og hvad svaret blev.",
                        ),
                    ),
                    text(read_more("km", "km_fhir", "km_guidelines")),
                ],
            ),
            (
                "Test: korrespondancemeddelelsen",
                [
                    text(
                        "Fire spørgsmål om situationer, hvor du skal vælge og skrive en "
                        "korrespondancemeddelelse. Du skal have 80 % rigtige for at bestå."
                    ),
                    quiz("Korrespondancemeddelelsen (KM)", "Test dig selv"),
                ],
            ),
        ],
    },
    {
        "slug": "indlaeggelse-til-udskrivelse",
        "title": "Fra indlæggelse til udskrivelse: sygehusadvis, rapporter og epikrise",
        "summary": "Hvilke MedCom-meddelelser følger borgeren fra indlæggelse til udskrivelse, "
        "hvem sender dem, og hvad gør du, når en meddelelse ikke kommer frem?",
        "sectors": ALL,
        "roles": ["SYG", "SSA", "LAEGE", "PLAEGE", "LSEK", "FYS", "ERGO"],
        "owner": "DEMO-RHN",
        "competences": [("N2", 2), ("N3", 1)],
        "lessons": [
            (
                "Meddelelserne i et forløb",
                [
                    text(
                        "Når en borger fra hjemmeplejen bliver indlagt og udskrevet, går der en "
                        "række standardiserede MedCom-meddelelser mellem sygehus, kommune og "
                        "egen læge. De fleste sendes automatisk eller halvautomatisk fra "
                        "journalen, men du skal vide, hvad de betyder, og hvad du skal gøre, når "
                        "du modtager dem.",
                    ),
                    steps(
                        "Et typisk forløb",
                        (
                            "Sygehusadvis ved indlæggelse",
                            "Sygehuset sender automatisk en advis til borgerens hjemkommune, når "
                            "borgeren bliver indlagt. Kommunen kan så sætte hjemmeplejens besøg i "
                            f"bero ({link('advis', 'MedCom om sygehusadvis')}).",
                        ),
                        (
                            "Indlæggelsesrapport fra kommunen",
                            "Kommunen sender en rapport med borgerens status og hjælp i hjemmet, "
                            "så afdelingen kender udgangspunktet.",
                        ),
                        (
                            "Sygehusadvis ved orlov og udskrivelse",
                            "Der sendes også advis, når borgeren går på orlov eller kommer tilbage "
                            "fra orlov, og når borgeren udskrives. Hjemmeplejen genoptager "
                            "besøgene efter udskrivelsen.",
                        ),
                        (
                            "Udskrivningsrapport",
                            "Afdelingen beskriver borgerens behov for pleje og behandling efter "
                            "udskrivelsen, så kommunen er klar.",
                        ),
                        (
                            "Epikrise til egen læge",
                            "Sygehuslægen sender en epikrise med forløbet, diagnoser, ændringer i "
                            "medicinen og hvad egen læge skal følge op på.",
                        ),
                    ),
                    text(
                        "<h2>Henvisning og genoptræningsplan</h2>",
                        "To andre meddelelser hører ofte med til forløbet. Egen læge sender en "
                        "elektronisk henvisning, når borgeren skal undersøges eller behandles på "
                        "sygehuset eller hos en speciallæge; den skal beskrive problemet, hvad der "
                        "allerede er undersøgt, og hvad lægen ønsker svar på "
                        f"({link('medcom', 'MedCom står for standarderne')}).",
                        "Har borgeren brug for genoptræning efter udskrivelsen, laver afdelingen "
                        "en genoptræningsplan sammen med borgeren. Den sendes til kommunen, som "
                        "står for almen genoptræning, så fysioterapeuter og ergoterapeuter kan "
                        "tage over "
                        f"({link('genoptraening', 'et hospitals patientinformation om planen')}).",
                    ),
                    callout(
                        "important",
                        "Medicinen følger ikke med af sig selv",
                        "Ved udskrivelse skal den behandlingsansvarlige læge på sygehuset "
                        "opdatere og afstemme medicinkortet i FMK "
                        f"({link('fmk_background', 'Sundhedsdatastyrelsen')}). Er kortet ikke "
                        "afstemt, skal hjemmesygeplejen være ekstra opmærksom.",
                    ),
                ],
            ),
            (
                "Sådan ser det ud i de tre sektorer",
                [
                    tabs(
                        "Hvem gør hvad i dit system?",
                        "På sygehuset sendes sygehusadvis automatisk ud fra registreringen af "
                        "indlæggelse, orlov og udskrivelse. Sygeplejersken skriver "
                        "udskrivningsrapporten, og lægen skriver epikrisen og afstemmer "
                        "medicinkortet. Sørg for, at borgerens kontaktoplysninger og "
                        "hjemkommune er rigtige, for det er dem, meddelelserne sendes ud fra. "
                        + SUPERUSER,
                        "I kommunen lander adviser og rapporter i omsorgsjournalen. Aftal, hvem "
                        "der ser indbakken igennem hver dag, også i weekenden, så besøg sættes i "
                        "bero og genoptages til tiden. Indlæggelsesrapporten sendes fra borgerens "
                        "sag. " + SUPERUSER,
                        "I klinikken lander epikrisen i lægesystemet. Lægen læser den og tager "
                        "stilling til det, sygehuset beder egen læge om at følge op på – fx "
                        "kontrolblodprøver eller justering af medicin. " + SUPERUSER,
                    ),
                    text(
                        "<h2>Eksempel: en udskrivelse fredag eftermiddag</h2>",
                        "Fru Jensen, 84 år, udskrives fredag kl. 15 efter en lungebetændelse. "
                        "Hjemmeplejen får udskrivningsadvis og udskrivningsrapport. Rapporten "
                        "siger, at hun skal have hjælp til bad og påklædning og nu får en ny "
                        "tablet morgen og aften. Hjemmesygeplejersken tjekker FMK: medicinkortet "
                        "er afstemt ved udskrivelsen, og den nye tablet står der. Hun bestiller "
                        "medicin fra apoteket og planlægger aftenbesøget. Havde kortet ikke været "
                        "afstemt, skulle hun have kontaktet afdelingen, inden lægerne gik hjem.",
                    ),
                ],
            ),
            (
                "Når en meddelelse ikke kommer frem",
                [
                    text(
                        "Når en MedCom-meddelelse i FHIR-format modtages, sender modtagerens "
                        "system en kvittering tilbage til afsenderen. Kvitteringen siger, at "
                        "meddelelsen er modtaget og kunne læses af systemet – ikke at en "
                        f"kollega har læst den ({link('ack', 'MedCom om kvitteringer')}).",
                        "Kommer der ingen kvittering, eller kommer der en fejl, viser dit system "
                        "meddelelsen som ikke leveret. Så er det dit ansvar som afsender at få "
                        "beskeden frem.",
                    ),
                    steps(
                        "Sådan gør du",
                        (
                            "Tjek modtageren",
                            "Meddelelser adresseres til enheder i Sundhedsvæsenets "
                            "Organisationsregister (SOR). Er det den rigtige enhed?",
                        ),
                        ("Send igen til den rigtige modtager", ""),
                        (
                            "Ring, hvis det haster",
                            "Fortæl modtageren, at en meddelelse er på vej eller ikke er kommet "
                            "frem.",
                        ),
                        (
                            "Kontakt it-support, hvis fejlen gentager sig",
                            "Det kan være en fejl i opsætningen, som rammer flere meddelelser.",
                        ),
                        ("Dokumentér", "Notér, hvad der skete, og hvad du gjorde."),
                    ),
                    video("kvittering", "Se hvordan: når en meddelelse ikke kommer frem"),
                    text(read_more("advis", "ack", "km", "fmk_background", "genoptraening")),
                ],
            ),
            (
                "Test: fra indlæggelse til udskrivelse",
                [
                    text("Fire situationer fra et forløb. Du skal have 80 % rigtige for at bestå."),
                    quiz("Fra indlæggelse til udskrivelse"),
                ],
            ),
        ],
    },
    {
        "slug": "fmk-i-hverdagen",
        "title": "FMK i hverdagen – medicinafstemning på tværs af sektorer",
        "summary": "Fælles Medicinkort (FMK) viser borgerens aktuelle medicin. Lær, hvem der "
        "afstemmer, hvad du selv må, og hvad du gør ved uoverensstemmelser – med en case.",
        "sectors": [HOSPITAL, MUNICIPAL, PRACTICE],
        "roles": ["SYG", "SSA", "LAEGE", "PLAEGE", "PSYG"],
        "owner": "DEMO-HJK",
        "competences": [("N3", 2)],
        "lessons": [
            (
                "Hvad viser FMK – og hvem gør hvad?",
                [
                    quiz("FMK i hverdagen – før kurset", "Hvad ved du allerede?"),
                    text(
                        "Fælles Medicinkort samler borgerens elektroniske recepter og de "
                        "receptpligtige lægemidler, der er udleveret de seneste to år. Når alle, "
                        "der behandler borgeren, bruger FMK, viser det også en opdateret liste "
                        "over borgerens aktuelle ordinationer "
                        f"({link('fmk_qa', 'Sundhedsdatastyrelsen: Spørgsmål og svar om FMK')}). "
                        "Vaccinationsregistret DDV er en del af FMK "
                        f"({link('fmk_plo', 'PLO om FMK og DDV')}).",
                        "Du må kun slå op i FMK, når du har borgeren i aktuel behandling, og "
                        "opslaget er relevant for behandlingen. Dine opslag kan ses bagefter.",
                        "<h2>Hvem gør hvad?</h2>",
                        ul(
                            "<strong>Lægen</strong> ordinerer, ændrer og seponerer medicin på "
                            "FMK. Den læge, der ordinerer, skal holde kortet ajour.",
                            "<strong>Sygehuslægen</strong> registrerer oplysninger fra FMK ved "
                            "indlæggelse og opdaterer borgerens medicinkort ved udskrivelse eller "
                            "efter et ambulant besøg, så kortet viser den samlede aktuelle "
                            "medicin. Det kaldes at afstemme medicinkortet "
                            f"({link('fmk_background', 'Sundhedsdatastyrelsen')}).",
                            "<strong>Sygeplejersker og social- og sundhedsassistenter</strong> "
                            "læser kortet i deres eget system og giver medicin efter lægens "
                            "ordination. De retter ikke selv i ordinationerne, men kontakter "
                            "lægen ved fejl eller uoverensstemmelser.",
                        ),
                    ),
                    callout(
                        "important",
                        "Kun lægen afstemmer",
                        "Det er den behandlingsansvarlige læge, der afstemmer medicinkortet. "
                        "Andre faggrupper ser kortet og kan, afhængigt af deres system og rolle, "
                        "have adgang til at registrere bestemte ting – men ikke til at afstemme.",
                    ),
                ],
            ),
            (
                "Medicinkortet i dit system",
                [
                    text(
                        "Ingen arbejder i »FMK« alene. FMK er integreret i sygehusets journal, "
                        "kommunens omsorgsjournal og lægesystemet, og hvert system viser det på "
                        f"sin måde ({link('fmk_plo', 'PLO')}; {link('fmk_municipal')})."
                    ),
                    tabs(
                        "Sådan møder du FMK",
                        "På sygehuset ligger FMK i journalens medicinmodul. Ved indlæggelse "
                        "henter lægen borgerens medicin fra FMK. Ved udskrivelse opdaterer og "
                        "afstemmer lægen kortet. Sygeplejersken ser, om kortet er afstemt, før "
                        "udskrivningsrapporten sendes. " + SUPERUSER,
                        "I kommunen henter omsorgsjournalen oplysningerne fra FMK ned på "
                        "borgerens lokale medicinliste. Hjemmesygeplejersken tjekker, hvornår "
                        "kortet sidst er afstemt, og sammenligner med den medicin, borgeren "
                        "faktisk har. Social- og sundhedsassistenter giver medicin efter "
                        "ordinationen og siger til, hvis noget ikke passer. " + SUPERUSER,
                        "I lægesystemet ordinerer og ændrer lægen direkte på FMK. Efter en "
                        "epikrise tager lægen stilling til ændringerne. Klinikpersonale kan "
                        "have delegeret adgang til bestemte opgaver efter lægens instruks. "
                        + SUPERUSER,
                    ),
                    video("fmk", "Se hvordan: hvem gør hvad med medicinkortet"),
                ],
            ),
            (
                "Case: uoverensstemmelse efter udskrivelse",
                [
                    text(
                        "Hr. Holm, 79 år, er udskrevet i går efter et fald. Hjemmesygeplejersken "
                        "Mette kommer på første besøg. Medicinkortet i omsorgsjournalen viser, at "
                        "det er afstemt ved udskrivelsen. På kortet står en ny blodtrykstablet, og "
                        "en sovetablet er seponeret. I køkkenet står både den gamle sovetablet og "
                        "en æske smertestillende, som ikke står på kortet."
                    ),
                    steps(
                        "Mettes fremgangsmåde",
                        (
                            "Sammenlign kortet med det, borgeren faktisk tager",
                            "Mette går æskerne igennem med hr. Holm og spørger, hvad han har "
                            "taget i dag.",
                        ),
                        (
                            "Giv ikke medicin, der er seponeret",
                            "Sovetabletten er seponeret på kortet. Mette forklarer hr. Holm det "
                            "og fjerner den efter aftale med ham.",
                        ),
                        (
                            "Kontakt lægen om det, der mangler",
                            "De smertestillende står ikke på kortet. Måske er de købt i "
                            "håndkøb, måske er de glemt. Mette sender en korrespondancemeddelelse "
                            "til egen læge med præcise oplysninger og et spørgsmål.",
                        ),
                        (
                            "Ret ikke selv i ordinationen",
                            "Det er lægen, der beslutter og opdaterer kortet.",
                        ),
                        (
                            "Dokumentér",
                            "Mette noterer i journalen, hvad hun fandt, og hvad hun har gjort.",
                        ),
                    ),
                    callout(
                        "warning",
                        "Akut er noget andet",
                        "Er borgeren påvirket, eller er der tvivl om en vigtig dosis i dag, ringer "
                        "du til lægen eller vagtlægen i stedet for at skrive.",
                    ),
                    text(read_more("fmk_qa", "fmk_background", "fmk_municipal", "fmk_plo")),
                ],
            ),
            (
                "Test din viden om FMK",
                [
                    text(
                        "Fire spørgsmål fra FMK-banken, trukket tilfældigt. Du kan tage testen op "
                        "til tre gange."
                    ),
                    quiz("FMK i hverdagen – efter kurset"),
                ],
            ),
        ],
    },
    {
        "slug": "sundhedsjournalen",
        "title": "Sundhedsjournalen og sundhed.dk for fagpersoner – find det rigtige, lovligt",
        "summary": "Find de rigtige oplysninger i Sundhedsjournalen på sundhed.dk – og kun dem, "
        "du har lov til at se i behandlingen.",
        "sectors": [HOSPITAL, MUNICIPAL, PRACTICE],
        "roles": ["SYG", "LAEGE", "PLAEGE", "PSYG", "SSA"],
        "owner": "DEMO-RN",
        "competences": [("N4", 2), ("N8", 1)],
        "lessons": [
            (
                "Hvad finder du på sundhed.dk?",
                [
                    text(
                        f"{link('sundhed_dk')} er den fælles offentlige sundhedsportal for "
                        "borgere og fagpersoner. Som fagperson logger du på som medarbejder, og "
                        "du kan se det, din rolle giver adgang til.",
                        "Sundhedsjournalen samler oplysninger fra hele landet: notater og "
                        "epikriser fra sygehusene, laboratoriesvar, billedbeskrivelser, aftaler, "
                        "data fra hjemmemonitorering og medicin "
                        f"({link('sundhedsjournal', 'MedCom om Sundhedsjournalen')}). Borgeren "
                        "kan se sine egne oplysninger de samme steder.",
                        "<h2>Hvornår er det nyttigt?</h2>",
                        ul(
                            "Hjemmesygeplejersken vil se epikrisen fra en indlæggelse i en anden "
                            "region, før hun tilser borgeren.",
                            "Lægen vil se et blodprøvesvar, der er taget på sygehuset.",
                            "Sygeplejersken i akutmodtagelsen vil se, hvilke aftaler borgeren har "
                            "på andre sygehuse.",
                        ),
                        "Vær opmærksom på, at notater fra sygehuse er skrevet i et fagsprog til "
                        "kolleger. Læs dem i sammenhæng, og spørg, hvis noget er uklart.",
                    ),
                    text(
                        "<h2>Eksempel: forberedelse til et besøg</h2>",
                        "Hjemmesygeplejersken skal til første besøg hos en borger, der har været "
                        "indlagt på et sygehus i en anden region. Udskrivningsrapporten er "
                        "kortfattet. I Sundhedsjournalen finder hun epikrisen og ser, at borgeren "
                        "skal have taget en kontrolblodprøve om en uge, og at egen læge skal "
                        "følge op på blodtrykket. Hun noterer det i sin plan og nævner det for "
                        "borgeren. Hun åbner ikke ældre notater om forhold, der ikke har med "
                        "besøget at gøre.",
                        "<h2>Hvad finder du ikke?</h2>",
                        "Sundhedsjournalen erstatter ikke den dialog, der foregår med "
                        "MedCom-meddelelser. Et spørgsmål til egen læge stiller du stadig i en "
                        "korrespondancemeddelelse, og kommunens egne notater ligger i kommunens "
                        "omsorgsjournal. Hvad du kan se, afhænger af din rolle og af, hvad der er "
                        "delt fra de enkelte systemer.",
                    ),
                ],
            ),
            (
                "Lovligt opslag",
                [
                    text(
                        "Du må kun slå op, når borgeren er i aktuel behandling hos dig, og "
                        "oplysningerne er relevante for behandlingen. Alle opslag logges, og "
                        "borgeren kan i Min Log på sundhed.dk se, hvem der har set oplysningerne "
                        f"({link('min_log', 'Ældre Sagen om sundhed.dk og Min Log')}).",
                        "Det er ikke nok, at du har adgang teknisk. Spørgsmålet er altid: har jeg "
                        "brug for netop denne oplysning til den behandling, jeg giver nu?",
                    ),
                    steps(
                        "Før du slår op",
                        ("Er borgeren i aktuel behandling hos mig?", "Hvis nej: slå ikke op."),
                        (
                            "Hvad skal jeg bruge?",
                            "Slå kun det op, behandlingen kræver – fx epikrisen fra sidste "
                            "indlæggelse, ikke hele journalen.",
                        ),
                        (
                            "Er borgeren orienteret?",
                            "Fortæl gerne borgeren, hvad du slår op og hvorfor.",
                        ),
                        (
                            "Dokumentér",
                            "Skriv i din journal, hvad du har brugt oplysningerne til.",
                        ),
                    ),
                    callout(
                        "warning",
                        "Nysgerrighed er ikke et formål",
                        "Slå aldrig op på kolleger, naboer, familie eller dig selv i "
                        "arbejdssammenhæng. Det er ulovligt, og det kan ses i loggen.",
                    ),
                    tabs(
                        "Adgang fra dit system",
                        "Mange sygehuse åbner Sundhedsjournalen fra journalen med patienten "
                        "valgt, så du ikke skal søge igen. " + SUPERUSER,
                        "I kommunen er det typisk sygeplejersker, der har adgang, afhængigt af "
                        "kommunens opsætning og rettigheder. " + SUPERUSER,
                        "I klinikken åbner lægesystemet ofte Sundhedsjournalen med patienten "
                        "valgt. Personalet skal bruge MitID Erhverv til at logge på "
                        f"({link('mitid_praksis', 'sundhed.dk om MitID Erhverv')}). " + SUPERUSER,
                    ),
                    text(read_more("sundhed_dk", "sundhedsjournal", "min_log")),
                ],
            ),
            (
                "Test: lovligt opslag",
                [
                    text("Fire situationer: må du slå op, og hvad? Du skal have 80 % rigtige."),
                    quiz("Sundhedsjournalen – lovligt opslag"),
                ],
            ),
        ],
    },
    {
        "slug": "video-og-udskrivningskonference",
        "title": "Videokonsultation og virtuel udskrivningskonference – før, under og efter",
        "summary": "Forbered, gennemfør og dokumentér en videokonsultation eller en virtuel "
        "udskrivningskonference, og hav en plan, når videoen ikke virker.",
        "sectors": ALL,
        "roles": [],
        "owner": "DEMO-AAUH",
        "competences": [("N5", 2)],
        "lessons": [
            (
                "Video på tværs af sektorer",
                [
                    text(
                        "Videoknudepunktet VDX er den nationale infrastruktur for video på tværs "
                        "af sundhedsvæsenet, og MedCom står for den. Den bruges blandt andet til "
                        "udskrivningskonferencer, telepsykiatri, tolkning og konsultationer "
                        f"({link('vdx')}). I almen praksis kan patienter få video med egen læge, "
                        "fx gennem Min Læge "
                        f"({link('plo_video', 'PLO om video i almen praksis')}).",
                        "Video er et godt valg, når der ikke skal laves en fysisk undersøgelse, "
                        "og når borgeren kan og vil. Det sparer transport og gør det lettere at "
                        "samle flere parter på kort varsel.",
                    ),
                    steps(
                        "Før mødet",
                        (
                            "Aftal tid og send linket",
                            "Sørg for, at alle deltagere – også borgeren og evt. pårørende – har "
                            "linket og ved, hvornår mødet starter.",
                        ),
                        (
                            "Fortæl borgeren, hvem der deltager",
                            "Spørg, om borgeren ønsker en pårørende med.",
                        ),
                        (
                            "Test udstyret",
                            "Lyd, billede og netværk. Find et stille rum, hvor uvedkommende "
                            "ikke kan høre med.",
                        ),
                        (
                            "Hav en plan B",
                            "Notér et telefonnummer, så du kan ringe op, hvis videoen svigter.",
                        ),
                    ),
                    callout(
                        "important",
                        "Fortrolighed på video",
                        "Spørg borgeren, om andre er til stede i rummet, og om det er i orden. "
                        "Optag aldrig en samtale uden en klar aftale og et lovligt formål, og "
                        "brug kun de videoløsninger, din arbejdsplads har godkendt.",
                    ),
                ],
            ),
            (
                "Under og efter mødet",
                [
                    text(
                        "<h2>Under mødet</h2>",
                        ul(
                            "Start med at præsentere alle deltagere og formålet.",
                            "Bekræft, hvem borgeren er, som du ville gøre ved et fysisk møde.",
                            "Følg en fast dagsorden. Ved en udskrivningskonference: borgerens "
                            "ønsker, pleje og træning, medicin, hjælpemidler og hvem der gør hvad.",
                            "Tal til borgeren, ikke kun om borgeren.",
                            "Slå mikrofonen fra, når du ikke taler.",
                        ),
                        "<h2>Efter mødet</h2>",
                        "Hver part dokumenterer aftalerne i sin egen journal. Skriv, hvem der gør "
                        "hvad og hvornår. Sørg for, at borgeren ved, hvad der skal ske.",
                    ),
                    tabs(
                        "Hvor du dokumenterer",
                        "På sygehuset noterer du konferencen i journalen og lader aftalerne "
                        "indgå i udskrivningsrapporten. " + SUPERUSER,
                        "I kommunen noterer du aftalerne i borgerens sag og planlægger besøg og "
                        "hjælpemidler ud fra dem. " + SUPERUSER,
                        "I klinikken noteres en videokonsultation som andre konsultationer. "
                        + SUPERUSER,
                    ),
                    video("vdx", "Se hvordan: virtuel udskrivningskonference"),
                    text(read_more("vdx", "plo_video")),
                ],
            ),
            (
                "Test: video før, under og efter",
                [
                    text("Fire situationer med video. Du skal have 80 % rigtige for at bestå."),
                    quiz("Video og virtuelle møder"),
                ],
            ),
        ],
    },
    {
        "slug": "telemedicin",
        "title": "Telemedicin ved KOL og hjertesvigt: TELMA og TeleCare Nord",
        "summary": "Sådan gennemser du borgerens målinger, og sådan reagerer du, når en måling "
        "ligger uden for grænserne – i TeleCare Nord og den nationale løsning TELMA.",
        "sectors": [HOSPITAL, MUNICIPAL, PRACTICE],
        "roles": ["SYG", "SSA", "LAEGE", "PLAEGE", "PSYG"],
        "owner": "DEMO-AAK",
        "competences": [("N6", 2)],
        "lessons": [
            (
                "TeleCare Nord og TELMA",
                [
                    text(
                        "I TeleCare Nord samarbejder de 11 nordjyske kommuner og Region "
                        "Nordjylland om telemedicin til borgere med KOL og hjertesvigt. Borgeren "
                        "får et sæt med tablet, blodtryksmåler, iltmætningsmåler og vægt, måler "
                        "sig selv derhjemme og svarer på spørgsmål om symptomer. Borgeren "
                        "henvises af en sygehuslæge eller egen læge "
                        f"({link('telecare', 'Region Nordjylland om TeleCare Nord')}). Borgerne "
                        f"bruger appen OTH Nord ({link('oth', 'Region Nordjylland')}).",
                        "TELMA er den nationale løsning til telemedicinsk hjemmemonitorering, "
                        "først for KOL. Den bygger på den fælles infrastruktur FUT, som "
                        "kommuner og regioner står bag sammen "
                        f"({link('telma', 'IT-chefer om FUT og TELMA')}; {link('fut')}).",
                        "<h2>Hvorfor?</h2>",
                        "Målingerne kan vise en forværring tidligt, så den kan tages i opløbet. "
                        "Borgeren lærer sin sygdom bedre at kende og kan selv se udviklingen.",
                    ),
                    tabs(
                        "Hvem gør hvad?",
                        "Sygehusets lunge- og hjerteambulatorier kan henvise borgeren og have "
                        "det lægelige ansvar i en periode. De følger op efter aftale med "
                        "kommunen.",
                        "Kommunens sygeplejersker står typisk for opstarten hos borgeren og for "
                        "at gennemse målingerne efter de aftaler, der gælder lokalt.",
                        "Egen læge kan henvise og har det lægelige ansvar for mange borgere. "
                        "Lægen kontaktes efter de aftalte grænser.",
                    ),
                ],
            ),
            (
                "Reagér på en måling",
                [
                    text(
                        "Grænserne for, hvornår en måling er i orden, sættes for den enkelte "
                        "borger. Et system markerer målinger uden for grænserne, men det er altid "
                        "en fagperson, der vurderer og handler."
                    ),
                    steps(
                        "Når en måling ligger uden for grænsen",
                        (
                            "Se målingen og borgerens svar",
                            "Er der flere målinger, der peger samme vej? Hvad svarer borgeren om "
                            "symptomer?",
                        ),
                        (
                            "Vurdér, om målingen er rigtig",
                            "Sad iltmætningsmåleren ordentligt? Vejede borgeren sig i tøj?",
                        ),
                        ("Kontakt borgeren", "Ring samme dag, og spørg til symptomerne."),
                        (
                            "Handl efter aftalen",
                            "Kontakt egen læge eller ambulatoriet efter borgerens plan. Er "
                            "borgeren dårlig, ringer du efter hjælp med det samme.",
                        ),
                        ("Dokumentér", "Skriv din vurdering og det, du har gjort."),
                    ),
                    text(
                        "<h2>Eksempel</h2>",
                        "Hr. Andersen med KOL har en iltmætning under sin grænse to dage i træk og "
                        "svarer, at han hoster mere. Sygeplejersken ringer. Han har feber og "
                        "mere slim. Efter borgerens plan kontakter hun egen læge samme formiddag "
                        "og dokumenterer samtalen. Lægen ser ham samme dag.",
                    ),
                    video("telecare", "Se hvordan: gennemse borgerens målinger"),
                    text(read_more("telecare", "oth", "telma", "fut")),
                ],
            ),
            (
                "Test: telemedicin",
                [
                    text("Fire situationer med målinger. Du skal have 80 % rigtige for at bestå."),
                    quiz("Telemedicin med TELMA og TeleCare Nord"),
                ],
            ),
        ],
    },
    {
        "slug": "hjaelp-borgeren-i-gang",
        "title": "Hjælp borgeren i gang – Min Læge, Medicinkortet og Digital Post",
        "summary": "Sådan hjælper du borgere i gang med de digitale løsninger – og sådan "
        "sikrer du, "
        "at borgere, der ikke er digitale, stadig får deres post og svar.",
        "sectors": ALL,
        "roles": ["SSH", "SSA", "SYG", "PSYG", "LSEK"],
        "owner": "DEMO-MFK",
        "competences": [("N9", 2), ("N1", 1)],
        "lessons": [
            (
                "Appene, borgeren kan bruge",
                [
                    text(
                        "Mange borgere kan klare mere selv med de rigtige apps. Din opgave er at "
                        "vise vejen, ikke at overtage borgerens log-in.",
                        ul(
                            "<strong>Min Læge</strong>: borgerens adgang til egen læge med "
                            "e-konsultation, tidsbestilling, video og blandt andet prøvesvar "
                            f"({link('min_laege', 'PLO om Min Læge')}).",
                            "<strong>Medicinkortet</strong>: borgerens egen medicin og "
                            "mulighed for at bede om fornyelse af recepter "
                            f"({link('medicinkortet', 'Sundhedsdatastyrelsen')}).",
                            "<strong>sundhed.dk</strong>: borgerens egne sundhedsdata og Min Log "
                            f"({link('sundhed_dk')}).",
                            "<strong>Digital Post</strong>: post fra det offentlige, fx "
                            "indkaldelser fra sygehuset. Posten kan læses på borger.dk, i Digital "
                            "Post-appen, e-Boks og mit.dk "
                            f"({link('digital_post', 'Lemvig Kommune om Digital Post')}).",
                        ),
                    ),
                    callout(
                        "warning",
                        "Brug aldrig borgerens MitID",
                        "Du må ikke logge på for borgeren med borgerens MitID. Hjælp borgeren "
                        "med at gøre det selv, eller brug en fuldmagt.",
                    ),
                    steps(
                        "Sådan hjælper du en borger i gang med en app",
                        (
                            "Spørg, hvad borgeren vil kunne",
                            "Fx se sin medicin, bestille tid hos lægen eller læse post fra "
                            "sygehuset. Start med det, der giver mening for borgeren.",
                        ),
                        (
                            "Lad borgeren selv holde telefonen",
                            "Vis og forklar, men lad borgeren trykke og logge på. Så kan "
                            "borgeren gøre det igen, når du er gået.",
                        ),
                        (
                            "Skriv de vigtigste trin ned",
                            "En lille seddel med tre trin hjælper mange, især i starten.",
                        ),
                        (
                            "Følg op ved næste besøg",
                            "Spørg, om det lykkedes. Går det ikke, så find et alternativ sammen "
                            "med borgeren – fx hjælp fra en pårørende.",
                        ),
                    ),
                ],
            ),
            (
                "Når borgeren ikke er digital",
                [
                    text(
                        "Digital først må ikke betyde, at nogen bliver ladt i stikken. Der er "
                        "flere veje for borgere, der ikke kan bruge de digitale løsninger selv.",
                        "<h2>Fritagelse for Digital Post</h2>",
                        "En borger, der ikke kan bruge Digital Post – fx på grund af nedsat "
                        "funktionsevne eller manglende adgang til computer – kan søge om "
                        "fritagelse hos Borgerservice og får så posten på papir "
                        f"({link('digital_post_access')}). Ansvaret for Digital Post ligger hos "
                        f"Digitaliseringsstyrelsen ({link('digital_post_digst')}).",
                        "<h2>Læseadgang og fuldmagt</h2>",
                        "Borgeren kan give en pårørende læseadgang til sin Digital Post. Med en "
                        "digital fuldmagt kan en pårørende se oplysninger eller handle på "
                        "borgerens vegne – fuldmagten er afgrænset til det, den er givet til "
                        f"({link('fuldmagt', 'Ringkøbing-Skjern Kommune om Digital Fuldmagt')}). "
                        "Sundhed.dk har også en fuldmagtsordning "
                        f"({link('min_log', 'Ældre Sagen om sundhed.dk')}).",
                    ),
                    steps(
                        "Case: fru Madsen får ikke sine indkaldelser",
                        (
                            "Find ud af hvorfor",
                            "Fru Madsen, 88 år, har ikke en smartphone og har misset to "
                            "indkaldelser fra sygehuset, som kom i Digital Post.",
                        ),
                        (
                            "Spørg, hvad hun ønsker",
                            "Vil hun have hjælp fra sin datter, eller vil hun have post på papir?",
                        ),
                        (
                            "Vis vejen",
                            "Fortæl om læseadgang for datteren og om fritagelse hos "
                            "Borgerservice. Hjælp med at bestille tid, hvis hun ønsker det.",
                        ),
                        (
                            "Sig det videre",
                            "Aftal med borgeren, at du skriver til sygehusafdelingen om den "
                            "missede aftale, og dokumentér.",
                        ),
                    ),
                    text(
                        read_more(
                            "min_laege",
                            "medicinkortet",
                            "digital_post",
                            "digital_post_access",
                            "fuldmagt",
                        )
                    ),
                ],
            ),
            (
                "Test: hjælp borgeren i gang",
                [
                    text("Fire situationer med borgere. Du skal have 80 % rigtige for at bestå."),
                    quiz("Hjælp borgeren i gang"),
                ],
            ),
        ],
    },
    {
        "slug": "mitid-erhverv-og-seb",
        "title": "MitID Erhverv og SEB – din digitale identitet på arbejdet",
        "summary": "Sådan logger du sikkert på de fælles sundhedsløsninger som medarbejder, og "
        "sådan passer du på din digitale identitet.",
        "sectors": ALL,
        "roles": ["PLAEGE", "PSYG", "LSEK", "SYG", "LAEGE"],
        "owner": "DEMO-GP01",
        "competences": [("N7", 2)],
        "lessons": [
            (
                "Hvad er MitID Erhverv og SEB?",
                [
                    text(
                        "MitID Erhverv er den digitale identitet, du bruger som medarbejder hos "
                        "en virksomhed eller myndighed. Den erstattede den tidligere "
                        f"medarbejdersignatur ({link('mitid_erhverv')}). I almen praksis skal "
                        "alle medarbejdere have MitID Erhverv for at komme på FMK, "
                        "vaccinationsregistret og lignende løsninger "
                        f"({link('mitid_praksis', 'sundhed.dk, Information til praksis')}).",
                        "SEB, Sundhedsvæsenets Elektroniske Brugerstyring, er en fælles "
                        "log-in- og brugerstyring til en lang række nationale sundhedsløsninger. "
                        "Du logger på gennem NemLog-in med MitID eller gennem din arbejdsplads' "
                        "eget log-in; Region Nordjylland har sit eget tilsluttet "
                        f"({link('seb')}).",
                    ),
                    tabs(
                        "Sådan logger du typisk på",
                        "På sygehuset logger du oftest på gennem regionens eget log-in, som er "
                        "koblet til de nationale løsninger. Du skal sjældent bruge MitID "
                        "Erhverv direkte.",
                        "I kommunen bruger mange systemer kommunens eget log-in. Nogle "
                        "nationale løsninger kræver MitID Erhverv. Spørg din leder, hvad der "
                        "gælder hos jer.",
                        "I klinikken bruger alle medarbejdere MitID Erhverv under klinikkens "
                        "CVR-nummer. Klinikken har en administrator, der opretter og lukker "
                        "brugere.",
                    ),
                    video("mitid", "Se hvordan: log sikkert på"),
                ],
            ),
            (
                "Pas på din identitet",
                [
                    steps(
                        "Gode vaner",
                        (
                            "Del aldrig dit log-in",
                            "Alt, hvad der sker med din identitet, står i dit navn. Det gælder "
                            "også, når det går stærkt i klinikken.",
                        ),
                        (
                            "Godkend kun log-in, du selv har startet",
                            "Får du en anmodning i MitID-appen, som du ikke selv har startet, så "
                            "afvis den.",
                        ),
                        ("Lås skærmen", "Når du går fra computeren, også kort."),
                        (
                            "Sig til, når nogen stopper",
                            "Administratoren skal lukke adgangen, når en medarbejder stopper.",
                        ),
                        (
                            "Meld mistanke straks",
                            "Har du mistanke om misbrug, så sig det til din leder eller "
                            "administrator med det samme.",
                        ),
                    ),
                    text(
                        "<h2>Case: den travle mandag</h2>",
                        "Bente er lægesekretær. Klinikkens nye sekretær har ikke fået sin adgang "
                        "til FMK endnu, og telefonen ringer konstant. Den nye kollega foreslår, "
                        "at Bente bare logger på, så hun kan arbejde videre. Bente siger nej: "
                        "alt, hvad der sker, vil stå i Bentes navn, og opslag i FMK kan ses "
                        "bagefter. I stedet ringer hun til klinikkens administrator, som opretter "
                        "kollegaen samme dag, og kollegaen tager imens opgaver, der ikke kræver "
                        "adgang.",
                    ),
                    callout(
                        "tip",
                        "Privat og arbejde",
                        "Ofte bruger du din egen MitID-app til at godkende et log-in som "
                        "medarbejder. Vælg altid at logge på som medarbejder, når du arbejder.",
                    ),
                    text(read_more("mitid_erhverv", "mitid_praksis", "seb")),
                ],
            ),
            (
                "Test: din digitale identitet",
                [
                    text("Fire situationer om log-in. Du skal have 80 % rigtige for at bestå."),
                    quiz("MitID Erhverv og SEB"),
                ],
            ),
        ],
    },
    {
        "slug": "informationssikkerhed",
        "title": "Informationssikkerhed og GDPR i det tværsektorielle samarbejde",
        "summary": "Del det nødvendige, sikkert: de vigtigste regler for informationssikkerhed og "
        "databeskyttelse, og hvad du gør, når noget går galt.",
        "sectors": ALL,
        "roles": [],
        "owner": "DEMO-RN",
        "competences": [("N8", 2)],
        "lessons": [
            (
                "Del det nødvendige – sikkert",
                [
                    text(
                        "Helbredsoplysninger er følsomme personoplysninger. Du må dele det, "
                        "modtageren har brug for til at løse sin opgave for borgeren – og ikke "
                        "mere.",
                        ul(
                            "<strong>Sikker kanal:</strong> brug MedCom-meddelelser eller andre "
                            "godkendte sikre løsninger, aldrig almindelig e-mail eller sms med "
                            "helbredsoplysninger.",
                            "<strong>Det nødvendige:</strong> vedhæft ikke hele journalen, når "
                            "modtageren har brug for én oplysning.",
                            "<strong>Rette modtager:</strong> tjek modtageren, før du sender.",
                            "<strong>Opslag:</strong> slå kun op på borgere i aktuel behandling "
                            f"hos dig ({link('fmk_qa', 'Sundhedsdatastyrelsen om FMK')}).",
                        ),
                    ),
                    text(
                        "<h2>Eksempel: hvad skal modtageren bruge?</h2>",
                        "Ergoterapeuten i kommunen spørger sygehuset, om en borger må belaste "
                        "sit ben efter en operation. <strong>Dårligt svar:</strong> afdelingen "
                        "vedhæfter hele journalen fra indlæggelsen, inklusive notater om "
                        "borgerens psykiske helbred. <strong>Godt svar:</strong> afdelingen "
                        "svarer i samme tråd, at borgeren må belaste fuldt fra i dag, og at "
                        "genoptræningsplanen er sendt. Det gode svar indeholder alt, "
                        "ergoterapeuten skal bruge – og intet andet.",
                    ),
                    steps(
                        "Hverdagens sikkerhed",
                        ("Lås skærmen", "Også når du kun går fra et øjeblik."),
                        (
                            "Tal lavt, og luk døren",
                            "Ved telefon- og videosamtaler om borgere.",
                        ),
                        (
                            "Pas på phishing",
                            "Klik ikke på links i uventede mails, og giv aldrig dit log-in videre.",
                        ),
                        (
                            "Brug arbejdets udstyr",
                            "Gem ikke billeder af sår eller dokumenter på din private telefon.",
                        ),
                    ),
                ],
            ),
            (
                "Når noget går galt",
                [
                    text(
                        "Et brud på persondatasikkerheden er fx en meddelelse sendt til den "
                        "forkerte, en mistet telefon uden kode eller et opslag uden formål. Den "
                        "dataansvarlige – din arbejdsplads – skal anmelde brud til Datatilsynet "
                        "uden unødig forsinkelse og om muligt inden 72 timer, medmindre det er "
                        "usandsynligt, at bruddet giver en risiko for borgeren "
                        f"({link('breach')}).",
                        "Fristen løber fra det tidspunkt, arbejdspladsen bliver bekendt med "
                        "bruddet. Derfor skal du sige det med det samme – også i weekenden.",
                    ),
                    steps(
                        "Case: KM til den forkerte klinik",
                        (
                            "Opdag fejlen",
                            "En sekretær opdager, at en meddelelse om en borgers prøvesvar er "
                            "sendt til en forkert lægeklinik.",
                        ),
                        (
                            "Begræns skaden",
                            "Hun ringer til klinikken og beder dem slette meddelelsen og "
                            "bekræfte det.",
                        ),
                        (
                            "Sig det straks til leder eller sikkerhedsansvarlig",
                            "De vurderer, om bruddet skal anmeldes, og om borgeren skal "
                            "orienteres.",
                        ),
                        ("Send til den rigtige modtager", ""),
                        ("Lær af det", "Hvorfor valgte systemet den forkerte modtager?"),
                    ),
                    text(read_more("breach", "breach_sikkerdigital")),
                ],
            ),
            (
                "Test: informationssikkerhed",
                [
                    text("Fire situationer fra hverdagen. Du skal have 80 % rigtige for at bestå."),
                    quiz("Informationssikkerhed og GDPR"),
                ],
            ),
        ],
    },
    {
        "slug": "data-og-digital-laering",
        "title": "Data vi allerede har – opfølgning, evaluering og digital læring",
        "summary": "For ledere og udviklingskonsulenter: brug de data, I allerede har, til at "
        "følge op på digitale arbejdsgange – og led jeres egen og teamets digitale læring.",
        "sectors": ALL,
        "roles": ["LEDER", "UDV", "SSH", "SSA"],
        "owner": "DEMO-AAK-UDV",
        "competences": [("N11", 2), ("N12", 2)],
        "lessons": [
            (
                "Brug de data, I allerede har",
                [
                    text(
                        "Før I indsamler nye data, så se, hvad der allerede findes. Offentlige "
                        "statistikker på eSundhed viser fx kapaciteten i almen praksis "
                        f"({link('esundhed_data', 'eSundhed')}). Jeres egne systemer kan vise, "
                        "hvor mange meddelelser der ikke blev leveret, og denne platform viser, "
                        "hvor mange i teamet der har gennemført et kursus.",
                        "<h2>Tre spørgsmål før I måler</h2>",
                        ul(
                            "Hvad vil vi gerne ændre – fx færre korrespondancemeddelelser uden "
                            "svar?",
                            "Hvilke data viser det allerede, uden ekstra registrering?",
                            "Hvem ser tallene, og hvad gør vi, når de ændrer sig?",
                        ),
                        "Indsaml kun det, I har brug for. Data om medarbejdere er også "
                        "personoplysninger, og små grupper kan afsløre enkeltpersoner – derfor "
                        "viser platformens regionale oversigt ikke tal for meget små grupper.",
                    ),
                    text(
                        "<h2>Eksempel: meddelelser uden svar</h2>",
                        "En områdeleder i hjemmeplejen hører, at sygeplejerskerne ofte venter "
                        "længe på svar fra lægerne. I stedet for at lave en ny registrering "
                        "spørger hun superbrugeren, om omsorgsjournalen kan vise, hvor mange "
                        "korrespondancemeddelelser der er sendt uden svar i løbet af en måned. "
                        "Tallet viser, at de fleste ubesvarede meddelelser mangler et konkret "
                        "spørgsmål. Teamet tager kurset om korrespondancemeddelelsen, og "
                        "lederen ser på samme tal tre måneder senere.",
                    ),
                    callout(
                        "tip",
                        "Før- og eftertest",
                        "Kurset om FMK har en test før og efter. Sammenlign resultaterne for at "
                        "se, om kurset flytter noget – og hvilke spørgsmål der stadig volder "
                        "problemer.",
                    ),
                ],
            ),
            (
                "Led digital læring i teamet",
                [
                    text(
                        "Digitale kompetencer handler ikke kun om at kunne betjene et system, men "
                        "også om at forstå, hvorfor arbejdsgangen er, som den er, og at kunne "
                        "lære nyt, når den ændrer sig "
                        f"({link('kl_kompetencer', 'KL om fremtidens digitale kompetencer')}; "
                        f"{link('digst_kompetencer')}).",
                    ),
                    steps(
                        "Sådan kommer I i gang",
                        (
                            "Se teamets kompetencekrav",
                            "Dækningsoversigten viser, hvem der mangler hvad, og hvornår det "
                            "skal være gjort.",
                        ),
                        (
                            "Sæt tid af",
                            "Ti minutter på et teammøde rækker til ét kort kursus.",
                        ),
                        (
                            "Brug superbrugerne",
                            "De kender jeres system og kan vise, hvor funktionerne ligger.",
                        ),
                        (
                            "Følg op",
                            "Spørg efter en måned: bruger vi det, vi har lært? Hvad driller?",
                        ),
                    ),
                    text(read_more("esundhed_data", "kl_kompetencer", "digst_kompetencer")),
                ],
            ),
            (
                "Test: data og læring",
                [
                    text("Fire situationer for ledere. Du skal have 80 % rigtige for at bestå."),
                    quiz("Data og digital læring"),
                ],
            ),
        ],
    },
]

# (slug, title, video key, summary, specialist, specialist's title, sectors, notes sources)
VIDEO_GUIDES = [
    (
        "video-fmk-hvem-goer-hvad",
        "FMK: hvem gør hvad med medicinkortet?",
        "fmk",
        "Hvem ordinerer, hvem afstemmer, og hvad gør du, når kortet og virkeligheden ikke passer?",
        "Anne Demosen",
        "Farmaceut, Sygehusapoteket, Aalborg Universitetshospital",
        [HOSPITAL, MUNICIPAL, PRACTICE],
        ["fmk_qa", "fmk_background"],
    ),
    (
        "video-god-korrespondancemeddelelse",
        "Skriv en god korrespondancemeddelelse",
        "km",
        "En dårlig og en god korrespondancemeddelelse om den samme sag, side om side.",
        "Lars Prøvegaard",
        "Udviklingssygeplejerske, Regionshospital Nordjylland",
        ALL,
        ["km", "km_guidelines"],
    ),
    (
        "video-meddelelse-ikke-leveret",
        "Når en MedCom-meddelelse ikke kommer frem",
        "kvittering",
        "Kvitteringer, fejl og hvad du gør, når en meddelelse ikke er leveret.",
        "Bente Eksempelsen",
        "Lægesekretær og superbruger, Lægerne i Hobro",
        ALL,
        ["ack", "km"],
    ),
    (
        "video-udskrivningskonference",
        "Virtuel udskrivningskonference – før, under og efter",
        "vdx",
        "Forbered, gennemfør og følg op på en virtuel udskrivningskonference.",
        "Susanne Eksempelsen",
        "Afdelingssygeplejerske, Medicinsk Afdeling, Hjørring",
        ALL,
        ["vdx"],
    ),
    (
        "video-telecare-nord-maalinger",
        "TeleCare Nord: gennemse borgerens målinger",
        "telecare",
        "Sådan gennemser du målinger og svar, og sådan reagerer du på en måling uden for grænsen.",
        "Lene Testrup",
        "Sygeplejerske, Lungemedicinsk Afdeling, Aalborg Universitetshospital",
        [HOSPITAL, MUNICIPAL, PRACTICE],
        ["telecare", "telma"],
    ),
    (
        "video-mitid-erhverv",
        "MitID Erhverv: log sikkert på i arbejdet",
        "mitid",
        "Sådan logger du på som medarbejder, og sådan passer du på din digitale identitet.",
        "Camilla Modelsen",
        "Praksissygeplejerske, Lægehuset Nørresundby",
        ALL,
        ["mitid_erhverv", "mitid_praksis"],
    ),
]
