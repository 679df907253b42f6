"""The public sources the demo catalogue cites: one place, so every claim links to its owner's
guidance with an absolute HTTPS address, and a changed address is fixed once."""

SOURCES = {
    "km": (
        "MedCom: Korrespondancemeddelelse",
        "https://medcom.dk/projekter/korrespondancemeddelelse/",
    ),
    "km_fhir": (
        "MedCom: FHIR-korrespondancemeddelelse",
        "https://www.medcom.dk/projekter/fhir-korrespondancemeddelelse",
    ),
    "km_guidelines": (
        "MedCom: Sundhedsfaglige retningslinjer for korrespondancemeddelelsen",
        "https://medcomdk.github.io/dk-medcom-carecommunication/assets/documents/"
        "Clinical-guidelines-DA.html",
    ),
    "advis": (
        "MedCom: HospitalNotification (sygehusadvis)",
        "https://build.fhir.org/ig/medcomdk/dk-medcom-hospitalnotification",
    ),
    "ack": (
        "MedCom: Acknowledgement (kvittering)",
        "https://build.fhir.org/ig/medcomdk/dk-medcom-messagedefinitions/"
        "MessageDefinition-MedComAcknowledgementMessageDefinition2.0.html",
    ),
    "medcom": ("MedCom", "https://www.medcom.dk/"),
    "genoptraening": (
        "Amager og Hvidovre Hospital: Genoptræningsplanen",
        "https://www.amagerhospital.dk/Redskaber-og-rettigheder/Patientguiden/efter-behandling/"
        "Genoptraening/Sider/Genoptraeningsplanen.aspx",
    ),
    "vdx": (
        "MedCom: Videoknudepunktet (VDX)",
        "https://medcom.dk/systemforvaltning/videoknudepunktet-vdx/",
    ),
    "fmk_qa": (
        "Sundhedsdatastyrelsen: Spørgsmål og svar om FMK",
        "https://sundhedsdatastyrelsen.dk/da/registre-og-services/om-faelles-medicinkort/"
        "spoergsmaal-og-svar-fmk",
    ),
    "fmk_background": (
        "Sundhedsdatastyrelsen: Baggrund for Fælles Medicinkort",
        "https://sundhedsdatastyrelsen.dk/da/registre-og-services/om-faelles-medicinkort/"
        "baggrund-og-organisering/baggrund-og-vision-fmk",
    ),
    "fmk_municipal": (
        "MedCom: FMK i kommunerne",
        "https://www.medcom.dk/projekter/faelles-medicinkort-fmk/fmk-i-kommunerne",
    ),
    "fmk_plo": (
        "Lægeforeningen/PLO: Om FMK og DDV",
        "https://laeger.dk/foreninger/plo/spoergsmaal-og-svar/om-fmk-og-ddv",
    ),
    "medicinkortet": (
        "Sundhedsdatastyrelsen: Medicinkortet",
        "https://sundhedsdatastyrelsen.dk/da/borger/selvbetjening_og_services/medicinkortet",
    ),
    "sundhedsjournal": (
        "MedCom: Sundhedsjournal version 3",
        "https://www.medcom.dk/projekter/sundhedsjournal-version-3",
    ),
    "sundhed_dk": ("sundhed.dk", "https://www.sundhed.dk/"),
    "min_log": (
        "Ældre Sagen: Sundhed.dk (Min Log og fuldmagt)",
        "https://www.aeldresagen.dk/viden-og-raadgivning/vaerd-at-vide/S/sundhedsomraadet/"
        "sundhed-dk",
    ),
    "mitid_praksis": (
        "sundhed.dk, Information til praksis, Nordjylland: MitID Erhverv",
        "https://www.sundhed.dk/sundhedsfaglig/information-til-praksis/nordjylland/almen-praksis/"
        "klinikadministration/it-teknologi-og-data/ny-laegepraksis/mitid-erhverv/",
    ),
    "mitid_erhverv": ("MitID Erhverv", "https://www.mitid-erhverv.dk/"),
    "seb": (
        "Sundhedsdatastyrelsen (NSI): SEB – Sundhedsvæsenets Elektroniske Brugerstyring",
        "https://services.nsi.dk/Services/SEB",
    ),
    "telecare": (
        "Region Nordjylland: Om TeleCare Nord",
        "https://rn.dk/da/Til-sundhedsfaglige/Sundhed/Sundheds-IT/TeleCare-Nord/"
        "Om-Telecare-Nord/About-TeleCare-Nord",
    ),
    "oth": (
        "Region Nordjylland: OTH-appen",
        "https://rn.dk/da/Service/Kontakt-og-find-vej/Apps/Leveringsbetingelser-OTH-app",
    ),
    "telma": (
        "IT-chefer: FUT – nu kører toget for telemedicin (TELMA)",
        "https://itchefer.dk/article/fut-nu-koerer-toget-telemedicin",
    ),
    "fut": (
        "Fælleskommunal Sundhed: FUT og de nationale aktiviteter",
        "https://faelleskommunalsundhed.dk/fts/de-nationale-aktiviteter/",
    ),
    "plo_video": (
        "Lægeforeningen/PLO: Video i almen praksis",
        "https://laeger.dk/foreninger/plo/digital-praksis/video-i-almen-praksis",
    ),
    "min_laege": (
        "Lægeforeningen/PLO: Om appen Min Læge",
        "https://laeger.dk/foreninger/plo/digital-praksis/"
        "spoergsmaal-og-svar-om-digitale-loesninger/om-appen-min-laege",
    ),
    "digital_post": (
        "Lemvig Kommune: Digital Post (platforme og fritagelse)",
        "https://lemvig.dk/borger/borgerservice/mitid-og-digital-post/digital-post",
    ),
    "digital_post_digst": (
        "Digitaliseringsstyrelsen: Digital Post",
        "https://digst.dk/it-loesninger/digital-post/anvendelse/",
    ),
    "digital_post_access": (
        "Egedal Kommune: Læseadgang og fritagelse for Digital Post",
        "https://www.egedalkommune.dk/borger/mig-som-borger/digital-post-for-borgere/"
        "laeseadgang-og-fritagelse",
    ),
    "fuldmagt": (
        "Ringkøbing-Skjern Kommune: Digital Post og Digital Fuldmagt",
        "https://www.rksk.dk/borger/den-digitale-borger/digital-post-borgere",
    ),
    "breach": (
        "Datatilsynet: Anmeld brud på persondatasikkerheden",
        "https://www.datatilsynet.dk/sikkerhedsbrud/anmeld-sikkerhedsbrud",
    ),
    "breach_sikkerdigital": (
        "Sikkerdigital.dk: Anmeld brud (myndigheder)",
        "https://www.sikkerdigital.dk/myndighed/databeskyttelse-og-gdpr/anmeld-brud/",
    ),
    "robusthed": (
        "Altinget: De digitale anbefalinger fra Robusthedskommissionen",
        "https://www.altinget.dk/digital/artikel/"
        "digitalt-og-teknologisk-foerst-her-er-de-digitale-anbefalinger-fra-robusthedskommissionen",
    ),
    "esundhed": (
        "Region Nordjylland: Det Nordjyske eSundhedsvæsen",
        "https://rn.dk/esundhedsvaesen",
    ),
    "sundhedsaftale": (
        "Region Nordjylland: Sundhedsaftalen 2024–2027",
        "https://rn.dk/Til-sundhedsfaglige/Sundhed/Sundhedsaftalen",
    ),
    "digst_kompetencer": (
        "Digitaliseringsstyrelsen: Model for digitale kompetencer",
        "https://digst.dk/digital-transformation/statens-digitaliseringsakademi/"
        "model-for-digitale-kompetencer/",
    ),
    "kl_kompetencer": (
        "KL: Fremtidens digitale kompetencer",
        "https://www.kl.dk/okonomi-og-administration/digitalisering-og-teknologi/"
        "fremtidens-digitale-kompetencer/",
    ),
    "esundhed_data": (
        "eSundhed: Almen praksis og tilmeldte patienter",
        "https://www.esundhed.dk/Emner/Almen-praksis/Almen-praksis-og-tilmeldte-patienter",
    ),
    "video_access": (
        "Diversa: Vejledning om tilgængeligt videoindhold",
        "https://www.diversa.dk/vejledning-om-tilg-ngeligt-videoindhol",
    ),
}


def link(key, text=None):
    """An HTML link to a source, with its title as the text unless ``text`` is given."""
    title, url = SOURCES[key]
    return f'<a href="{url}">{text or title}</a>'


def read_more(*keys):
    """A closing paragraph that links each source."""
    return "<p>Kilder: " + "; ".join(link(key) for key in keys) + ".</p>"
