"""The Danish manuscripts of the demo video guides: one source for the slides, the narration, the
captions and the chapters (``make_videos.py`` builds all four from it).

Each slide has a heading, bullet items or a sketched screen (``window`` and ``items``, one item
highlighted) and the sentences spoken while it shows; a slide with ``chapter`` starts a chapter.
The screens are sketches of what a workflow looks like, never copies of a real system. Demo
content: to be reviewed by subject experts before real use.
"""

from pathlib import Path

MANIFEST = Path(__file__).resolve().parent / "videos.json"


def bullets(heading, items, say, chapter=""):
    return {"kind": "bullets", "heading": heading, "items": items, "say": say, "chapter": chapter}


def screen(heading, window, items, highlight, say, chapter=""):
    return {
        "kind": "screen",
        "heading": heading,
        "window": window,
        "items": items,
        "highlight": highlight,
        "say": say,
        "chapter": chapter,
    }


GUIDES = [
    {
        "key": "fmk",
        "stem": "fmk-hvem-goer-hvad",
        "title": "FMK: hvem gør hvad med medicinkortet?",
        "slides": [
            bullets(
                "FMK – hvem gør hvad?",
                ["For sygeplejersker, assistenter og lægesekretærer", "Billederne er skitser"],
                [
                    "Denne vejledning handler om, hvem der gør hvad med Fælles Medicinkort, FMK.",
                    "Billederne er skitser, ikke skærmbilleder fra et rigtigt system.",
                ],
                chapter="Hvad er FMK?",
            ),
            bullets(
                "Det viser FMK",
                [
                    "Aktuelle ordinationer",
                    "Recepter og udleveret medicin, to år tilbage",
                    "Vaccinationer (DDV)",
                ],
                [
                    "FMK samler borgerens aktuelle medicin, recepter og udleveret medicin fra de "
                    "seneste to år.",
                    "Vaccinationsregistret DDV er en del af FMK.",
                    "Du ser FMK inde i dit eget system: sygehusets journal, kommunens "
                    "omsorgsjournal eller lægesystemet.",
                ],
            ),
            bullets(
                "Hvem gør hvad?",
                [
                    "Lægen ordinerer, ændrer og seponerer",
                    "Den behandlingsansvarlige læge afstemmer kortet",
                    "Sygeplejersker og assistenter læser kortet og handler på det",
                ],
                [
                    "Det er lægen, der ordinerer, ændrer og seponerer medicin på FMK.",
                    "Ved indlæggelse og udskrivelse er det den behandlingsansvarlige læge, der "
                    "afstemmer medicinkortet, så det viser den aktuelle medicin.",
                    "Sygeplejersker og social- og sundhedsassistenter ser kortet i deres eget "
                    "system og giver medicin efter lægens ordination.",
                    "Du retter ikke selv i en ordination.",
                ],
                chapter="Hvem gør hvad?",
            ),
            screen(
                "Før du giver medicin: er kortet afstemt?",
                "Medicinkort",
                [
                    "Seneste afstemning: før udskrivelsen",
                    "Ordination 1: tablet, 1 morgen",
                    "Ordination 2: tablet, pauseret",
                    "Recepter og udleveringer",
                ],
                0,
                [
                    "Før du giver medicin, ser du efter, hvornår kortet sidst blev afstemt.",
                    "Er kortet ikke afstemt efter en indlæggelse, skal du være ekstra opmærksom.",
                    "Sammenlign kortet med den medicin, borgeren faktisk har i hjemmet.",
                ],
                chapter="Før du giver medicin",
            ),
            bullets(
                "Når kortet og virkeligheden ikke passer",
                [
                    "Ikke akut: korrespondancemeddelelse til lægen",
                    "Akut: ring",
                    "Dokumentér, hvad du har gjort",
                ],
                [
                    "Finder du en forskel, skriver du en korrespondancemeddelelse til den læge, "
                    "der har ansvaret.",
                    "Skriv præcist, hvad kortet siger, hvad borgeren har, og hvad du har brug for.",
                    "Er det akut, ringer du i stedet.",
                    "Til sidst dokumenterer du i journalen, hvad du har set og gjort.",
                    "Links til Sundhedsdatastyrelsens vejledning står under videoen.",
                ],
                chapter="Ved uoverensstemmelse",
            ),
        ],
    },
    {
        "key": "km",
        "stem": "km-god-meddelelse",
        "title": "Skriv en god korrespondancemeddelelse",
        "slides": [
            bullets(
                "Den gode korrespondancemeddelelse",
                ["Én borger, én sag", "Rigtig modtager og kategori", "Et tydeligt spørgsmål"],
                [
                    "Korrespondancemeddelelsen er MedComs standard for skriftlig dialog om en "
                    "borger mellem sygehus, kommune og almen praksis.",
                    "Her ser du en dårlig og en god meddelelse om den samme sag.",
                ],
                chapter="Indledning",
            ),
            screen(
                "Den dårlige udgave",
                "Ny korrespondancemeddelelse",
                [
                    "Til: Lægehuset (første i listen)",
                    "Emne: Vedr. borger",
                    "Tekst: Ring lige, når du har tid. Mvh. hjemmeplejen",
                    "Vedhæftet: intet",
                ],
                2,
                [
                    "Den dårlige meddelelse er sendt til den første klinik i listen.",
                    "Emnet siger ikke noget, og teksten beder bare lægen om at ringe.",
                    "Lægen ved ikke, hvad sagen handler om, eller hvor travlt det haster.",
                    "Afsenderen står kun som hjemmeplejen, uden navn og telefonnummer.",
                ],
                chapter="En dårlig meddelelse",
            ),
            screen(
                "Den gode udgave",
                "Ny korrespondancemeddelelse",
                [
                    "Til: borgerens egen læge (tjek, at det er den rigtige)",
                    "Kategori: Medicin",
                    "Emne: Uoverensstemmelse i medicinkort",
                    "Tekst: hvad vi ser, hvad vi beder om, hvornår",
                    "Afsender: navn, funktion, direkte telefon",
                ],
                3,
                [
                    "Den gode meddelelse går til borgerens egen læge.",
                    "Kategorien passer til indholdet, så den kan fordeles rigtigt hos modtageren.",
                    "Teksten siger, hvad vi har set, hvad vi beder om, og hvornår vi har brug "
                    "for svar.",
                    "Afsenderen skriver navn, funktion og et direkte telefonnummer.",
                ],
                chapter="En god meddelelse",
            ),
            bullets(
                "Følg op",
                [
                    "Svar i samme tråd",
                    "Hold øje med, om meddelelsen er leveret",
                    "Akut? Ring i stedet",
                ],
                [
                    "Svar altid i den samme tråd, så historikken følger med.",
                    "Hold øje med, om din meddelelse er leveret.",
                    "Og husk: en korrespondancemeddelelse er ikke til akutte situationer. Der "
                    "ringer du.",
                    "Links til MedComs vejledning står under videoen.",
                ],
                chapter="Følg op",
            ),
        ],
    },
    {
        "key": "kvittering",
        "stem": "meddelelse-ikke-leveret",
        "title": "Når en MedCom-meddelelse ikke kommer frem",
        "slides": [
            bullets(
                "Kom meddelelsen frem?",
                ["Modtagerens system sender en kvittering", "Ingen kvittering: ikke leveret"],
                [
                    "Når du sender en MedCom-meddelelse, sender modtagerens system en kvittering "
                    "tilbage.",
                    "Kvitteringen viser, at meddelelsen er modtaget. Den viser ikke, at en "
                    "kollega har læst den.",
                ],
                chapter="Kvitteringen",
            ),
            screen(
                "Sådan kan det se ud",
                "Sendte meddelelser",
                [
                    "Epikrise: leveret",
                    "Korrespondance om medicin: ikke leveret",
                    "Henvisning: afventer kvittering",
                ],
                1,
                [
                    "Dit system markerer meddelelser, der fejler, eller som ikke er kvitteret.",
                    "Hvor og hvordan det vises, er forskelligt fra system til system.",
                    "Spørg din superbruger, hvor du finder det i dit system.",
                ],
                chapter="Find fejlen",
            ),
            bullets(
                "Gør sådan",
                [
                    "Tjek modtageren i SOR",
                    "Send igen til den rigtige enhed",
                    "Haster det: ring",
                    "Fejler det igen: kontakt support",
                ],
                [
                    "Tjek først modtageren. Meddelelser adresseres til enheder i "
                    "Sundhedsvæsenets Organisationsregister, SOR.",
                    "Er modtageren forkert, sender du igen til den rigtige enhed.",
                    "Haster sagen, ringer du til modtageren og fortæller, at en meddelelse er på "
                    "vej.",
                    "Fejler det igen, kontakter du din lokale it-support.",
                    "Og dokumentér, hvad du har gjort.",
                ],
                chapter="Hvad gør du?",
            ),
            bullets(
                "Tjek indbakken for fejl hver dag",
                [
                    "Aftal, hvem der ser efter fejl",
                    "Også i weekender og ferier",
                    "En fejl er ikke en leveret besked",
                ],
                [
                    "Aftal i jeres team, hvem der hver dag ser efter meddelelser, der ikke er "
                    "leveret.",
                    "Det gælder også i weekender og ferier.",
                    "Husk: så længe der ikke er en kvittering, må du ikke gå ud fra, at "
                    "modtageren har fået beskeden.",
                ],
                chapter="Hver dag",
            ),
        ],
    },
    {
        "key": "vdx",
        "stem": "vdx-udskrivningskonference",
        "title": "Virtuel udskrivningskonference – før, under og efter",
        "slides": [
            bullets(
                "Virtuel udskrivningskonference",
                ["Sygehus, kommune og borger", "Mødet foregår på video", "VDX forbinder"],
                [
                    "En udskrivningskonference samler sygehus, kommune og borger, før borgeren "
                    "kommer hjem.",
                    "Den kan holdes på video gennem videoknudepunktet VDX, som MedCom driver.",
                ],
                chapter="Før mødet",
            ),
            bullets(
                "Forbered mødet",
                [
                    "Aftal tid og send linket",
                    "Fortæl borgeren, hvem der deltager",
                    "Test lyd og billede i god tid",
                ],
                [
                    "Aftal tidspunktet, og send mødelinket til alle deltagere.",
                    "Fortæl borgeren, hvem der deltager, og spørg, om pårørende skal være med.",
                    "Test lyd og billede, og find et stille rum.",
                ],
            ),
            screen(
                "Under mødet",
                "Videomøde",
                [
                    "Deltagere: afdeling, hjemmepleje, borger",
                    "Dagsorden: behov, medicin, hjælpemidler",
                    "Mikrofon slået fra, når du ikke taler",
                ],
                1,
                [
                    "Start med en kort præsentation af alle deltagere.",
                    "Følg en fast dagsorden: borgerens behov, medicin og hjælpemidler.",
                    "Henvend dig også direkte til borgeren.",
                    "Slå mikrofonen fra, når du ikke taler.",
                ],
                chapter="Under mødet",
            ),
            bullets(
                "Efter mødet",
                ["Dokumentér aftalerne", "Hvem gør hvad og hvornår", "Giv borgeren besked"],
                [
                    "Dokumentér aftalerne i din egen journal.",
                    "Skriv, hvem der gør hvad, og hvornår.",
                    "Sørg for, at borgeren ved, hvad der skal ske.",
                    "Virker videoen ikke, så ring op, og gennemfør mødet på telefon.",
                ],
                chapter="Efter mødet",
            ),
            bullets(
                "Når borgeren ikke kan bruge video",
                ["Spørg borgeren først", "Tilbyd telefon eller fremmøde", "Pårørende kan hjælpe"],
                [
                    "Spørg altid borgeren, om video passer.",
                    "Kan eller vil borgeren ikke bruge video, så tilbyd telefon eller et møde, "
                    "hvor I ses.",
                    "En pårørende kan hjælpe med teknikken, hvis borgeren ønsker det.",
                ],
                chapter="Alternativer",
            ),
        ],
    },
    {
        "key": "telecare",
        "stem": "telecare-nord-maalinger",
        "title": "TeleCare Nord: gennemse borgerens målinger",
        "slides": [
            bullets(
                "Telemedicin i Nordjylland",
                [
                    "KOL og hjertesvigt",
                    "Tablet, blodtryksmåler, iltmætningsmåler, vægt",
                    "Målinger og spørgsmål hjemmefra",
                ],
                [
                    "I TeleCare Nord samarbejder de nordjyske kommuner og regionen om "
                    "telemedicin til borgere med KOL og hjertesvigt.",
                    "Borgeren får et sæt med en tablet, en blodtryksmåler, en iltmætningsmåler "
                    "og en vægt.",
                    "Borgeren måler derhjemme og svarer på spørgsmål om symptomer.",
                ],
                chapter="Hvad er TeleCare Nord?",
            ),
            screen(
                "Gennemse målingerne",
                "Målinger",
                [
                    "Vægt: inden for grænsen",
                    "Iltmætning: under den aftalte grænse",
                    "Spørgeskema: mere åndenød end sidst",
                ],
                1,
                [
                    "Du gennemser målingerne og svarene efter den aftale, der gælder for borgeren.",
                    "Grænserne er sat for den enkelte borger.",
                    "Her ligger iltmætningen under grænsen, og borgeren svarer, at åndenøden er "
                    "værre.",
                ],
                chapter="Gennemse målinger",
            ),
            bullets(
                "Når en måling ligger uden for grænsen",
                [
                    "Vurdér: er målingen rigtig?",
                    "Kontakt borgeren",
                    "Handl efter aftalen",
                    "Dokumentér",
                ],
                [
                    "Vurdér først, om målingen er rigtig. Måske sad måleren forkert.",
                    "Kontakt borgeren, og spørg til symptomerne.",
                    "Handl derefter efter den aftale, der gælder for borgeren, fx ved at "
                    "kontakte egen læge.",
                    "Systemet ændrer aldrig selv behandlingen. Det gør en fagperson.",
                    "Dokumentér til sidst din vurdering og det, du har gjort.",
                ],
                chapter="Reagér",
            ),
            bullets(
                "Hvem gør hvad?",
                [
                    "Aftalen om grænser og ansvar står i borgerens plan",
                    "Egen læge eller sygehuset har det lægelige ansvar",
                    "Spørg, hvis ansvaret er uklart",
                ],
                [
                    "Hvem der gennemser målingerne, og hvem der handler, står i aftalen for den "
                    "enkelte borger.",
                    "Det lægelige ansvar ligger hos egen læge eller sygehuset, efter hvem der har "
                    "henvist borgeren.",
                    "Er det uklart, hvem der har ansvaret, så spørg, før der opstår en situation.",
                    "Links til TeleCare Nord står under videoen.",
                ],
                chapter="Ansvar",
            ),
        ],
    },
    {
        "key": "mitid",
        "stem": "mitid-erhverv-sikkert",
        "title": "MitID Erhverv: log sikkert på i arbejdet",
        "slides": [
            bullets(
                "Din digitale identitet på arbejdet",
                ["MitID Erhverv", "Knyttet til din arbejdsplads", "Kun til dig"],
                [
                    "Med MitID Erhverv logger du på som medarbejder hos din arbejdsplads.",
                    "I almen praksis bruger personalet det fx til at komme på FMK og "
                    "vaccinationsregistret.",
                ],
                chapter="Hvad er MitID Erhverv?",
            ),
            screen(
                "Sådan ser et log-ind typisk ud",
                "Log på",
                [
                    "Vælg: log på som medarbejder",
                    "Brugernavn",
                    "Godkend i din MitID-app",
                ],
                0,
                [
                    "Når du logger på en fælles sundhedsløsning, vælger du at logge på som "
                    "medarbejder.",
                    "Du godkender med din MitID, typisk i appen.",
                    "Skærmene er forskellige fra løsning til løsning. Dette er kun en skitse.",
                ],
                chapter="Log på",
            ),
            bullets(
                "Sikkerhed",
                [
                    "Del aldrig dit log-in",
                    "Godkend kun log-in, du selv har startet",
                    "Log af eller lås skærmen",
                    "Mistanke om misbrug: sig det straks",
                ],
                [
                    "Du deler aldrig dit log-in med en kollega. Alt, hvad der sker, står i dit "
                    "navn.",
                    "Godkend kun et log-in, som du selv lige har startet.",
                    "Lås skærmen, når du går fra computeren.",
                    "Har du mistanke om misbrug, siger du det straks til din leder eller "
                    "administrator.",
                    "Links til vejledningen står under videoen.",
                ],
                chapter="Sikkerhed",
            ),
            bullets(
                "Ny på arbejdspladsen?",
                [
                    "Din arbejdsplads opretter dig som medarbejder",
                    "Du bruger din egen MitID til at godkende",
                    "Roller i sundhedsløsningerne tildeles lokalt",
                ],
                [
                    "Er du ny, er det din arbejdsplads, der opretter dig som medarbejder.",
                    "Du godkender med din egen MitID. Det private og det arbejdsmæssige holdes "
                    "adskilt, fordi du vælger at logge på som medarbejder.",
                    "Hvilke sundhedsløsninger du får adgang til, afhænger af de roller, din "
                    "arbejdsplads giver dig.",
                    "Mangler du en adgang, så spørg din leder eller den, der administrerer "
                    "brugere hos jer.",
                ],
                chapter="Ny medarbejder",
            ),
        ],
    },
]
