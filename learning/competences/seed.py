"""The competence framework every installation starts with: DigComp 2.2 and the North Jutland
workflow layer N1–N12 (DOMAIN.md §3.1 and §3.5).

Names are Danish (the platform's first language); the English DigComp title is kept in the
description so the mapping to the EU source stays checkable. ``seed_frameworks`` is idempotent and
takes the model classes as arguments so the data migration can pass its historical models.
"""

DIGCOMP = {
    "code": "digcomp-2-2",
    "name": "DigComp 2.2",
    "description": "EU's referenceramme for digitale kompetencer (JRC, 2022).",
    "areas": [
        (
            "1",
            "Informations- og datakompetence",
            [
                (
                    "1.1",
                    "Søge, finde og filtrere data, information og digitalt indhold",
                    "Browsing, searching and filtering data, information and digital content",
                ),
                (
                    "1.2",
                    "Vurdere data, information og digitalt indhold",
                    "Evaluating data, information and digital content",
                ),
                (
                    "1.3",
                    "Håndtere data, information og digitalt indhold",
                    "Managing data, information and digital content",
                ),
            ],
        ),
        (
            "2",
            "Kommunikation og samarbejde",
            [
                (
                    "2.1",
                    "Interagere gennem digitale teknologier",
                    "Interacting through digital technologies",
                ),
                ("2.2", "Dele gennem digitale teknologier", "Sharing through digital technologies"),
                (
                    "2.3",
                    "Deltage i samfundet gennem digitale teknologier",
                    "Engaging in citizenship through digital technologies",
                ),
                (
                    "2.4",
                    "Samarbejde gennem digitale teknologier",
                    "Collaborating through digital technologies",
                ),
                ("2.5", "Netikette", "Netiquette"),
                ("2.6", "Håndtere digital identitet", "Managing digital identity"),
            ],
        ),
        (
            "3",
            "Digitalt indhold",
            [
                ("3.1", "Udvikle digitalt indhold", "Developing digital content"),
                (
                    "3.2",
                    "Integrere og bearbejde digitalt indhold",
                    "Integrating and re-elaborating digital content",
                ),
                ("3.3", "Ophavsret og licenser", "Copyright and licences"),
                ("3.4", "Programmering", "Programming"),
            ],
        ),
        (
            "4",
            "Sikkerhed",
            [
                ("4.1", "Beskytte enheder", "Protecting devices"),
                (
                    "4.2",
                    "Beskytte personoplysninger og privatliv",
                    "Protecting personal data and privacy",
                ),
                ("4.3", "Beskytte helbred og trivsel", "Protecting health and well-being"),
                ("4.4", "Beskytte miljøet", "Protecting the environment"),
            ],
        ),
        (
            "5",
            "Problemløsning",
            [
                ("5.1", "Løse tekniske problemer", "Solving technical problems"),
                (
                    "5.2",
                    "Identificere behov og teknologiske løsninger",
                    "Identifying needs and technological responses",
                ),
                (
                    "5.3",
                    "Bruge digitale teknologier kreativt",
                    "Creatively using digital technologies",
                ),
                (
                    "5.4",
                    "Identificere digitale kompetencebehov",
                    "Identifying digital competence gaps",
                ),
            ],
        ),
    ],
}

# (code, Danish name, English gloss, DigComp codes it maps to)
WORKFLOW = {
    "code": "nordjylland-arbejdsgange",
    "name": "Nordjyske digitale arbejdsgange",
    "description": "Det nordjyske arbejdsgangslag N1–N12 oven på DigComp 2.2.",
    "areas": [
        (
            "N",
            "Digitale arbejdsgange i sundhedsvæsenet",
            [
                (
                    "N1",
                    "Digital først og valg af kontaktform",
                    "Choosing the right channel; digital first and LEON",
                    ["2.1", "2.3", "5.2"],
                ),
                (
                    "N2",
                    "Tværsektoriel digital kommunikation med MedCom-standarder",
                    "Correspondence messages, hospital notices, reports, discharge letters, SOR "
                    "addressing",
                    ["2.1", "2.2", "2.4"],
                ),
                ("N3", "Medicinoverblik i FMK", "Medication reconciliation, DDV", ["1.3", "2.2"]),
                (
                    "N4",
                    "Opslag i fælles sundhedsdata",
                    "Sundhed.dk, Sundhedsjournalen, stamkort and appointments; lawful lookup",
                    ["1.1", "1.2", "4.2"],
                ),
                (
                    "N5",
                    "Video og virtuelle møder",
                    "Video consultation, virtual discharge conference, VDX",
                    ["2.1", "2.4", "2.5", "5.1"],
                ),
                (
                    "N6",
                    "Telemedicin og hjemmemonitorering",
                    "TELMA, TeleCare Nord",
                    ["1.2", "2.1", "5.1"],
                ),
                (
                    "N7",
                    "Digital identitet og adgang",
                    "MitID Erhverv, SEB, roles",
                    ["2.6", "4.1", "4.2"],
                ),
                (
                    "N8",
                    "Informationssikkerhed, databeskyttelse og dataetik",
                    "Information security, data protection and data ethics",
                    ["4.1", "4.2", "4.3"],
                ),
                (
                    "N9",
                    "Digital inklusion: hjælp borgeren – og alternativer til digitalt",
                    "Min Læge, Medicinkortet, Digital Post, power of attorney, exemption",
                    ["2.3", "5.2"],
                ),
                (
                    "N10",
                    "Deling af specialistviden digitalt",
                    "Making accessible video guides",
                    ["3.1", "3.2", "3.3"],
                ),
                (
                    "N11",
                    "Data til opfølgning og evaluering",
                    "Use existing data; minimise",
                    ["1.2", "1.3", "5.2"],
                ),
                (
                    "N12",
                    "Egen digital læring og forandringsparathed",
                    "Own digital learning and readiness for change",
                    ["5.4"],
                ),
            ],
        ),
    ],
}


def seed_frameworks(Framework, CompetenceArea, Competence):
    """Create or update both frameworks. Queries the database; safe to run any number of times."""
    for spec in (DIGCOMP, WORKFLOW):
        framework, _ = Framework.objects.update_or_create(
            code=spec["code"], defaults={"name": spec["name"], "description": spec["description"]}
        )
        for order, (area_code, area_name, competences) in enumerate(spec["areas"]):
            area, _ = CompetenceArea.objects.update_or_create(
                framework=framework,
                code=area_code,
                defaults={"name": area_name, "sort_order": order},
            )
            for code, name, gloss, *mapping in competences:
                competence, _ = Competence.objects.update_or_create(
                    code=code, defaults={"area": area, "name": name, "description": gloss}
                )
                if mapping:
                    competence.maps_to.set(Competence.objects.filter(code__in=mapping[0]))
