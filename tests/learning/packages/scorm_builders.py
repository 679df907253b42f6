"""Real SCORM packages for the tests: imsmanifest.xml texts (SCORM 1.2 and 2004) and a SCO
whose script calls the runtime API the way authoring tools' SCOs do: it finds the API in a
parent window, initializes, reads where the learner left off, saves a bookmark and
suspend_data, commits, and on "Afslut" sets a score and a passing status and finishes."""

from .builders import zip_bytes

CP = {
    "1.2": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "2004": "http://www.imsglobal.org/xsd/imscp_v1p1",
}
ADL = {
    "1.2": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
    "2004": "http://www.adlnet.org/xsd/adlcp_v1p3",
}
SCHEMA = {"1.2": "1.2", "2004": "2004 4th Edition"}
SCORM_TYPE = {"1.2": "scormtype", "2004": "scormType"}


def item(identifier="ITEM-1", ref="RES-1", title="Forflytning af borgere", extra=""):
    title_xml = f"<title>{title}</title>" if title else ""
    ref_attr = f' identifierref="{ref}"' if ref else ""
    return f'<item identifier="{identifier}"{ref_attr}>{title_xml}{extra}</item>'


def resource(identifier="RES-1", href="index.html", kind="sco", version="1.2", files=()):
    files_xml = "".join(f'<file href="{name}"/>' for name in (files or [href]))
    return (
        f'<resource identifier="{identifier}" type="webcontent" '
        f'adlcp:{SCORM_TYPE[version]}="{kind}" href="{href}">{files_xml}</resource>'
    )


def manifest(
    version="1.2",
    items=None,
    resources=None,
    identifier="forflytning",
    org_id="ORG-1",
    default=None,
    schema_version=None,
):
    items = items if items is not None else [item()]
    resources = resources if resources is not None else [resource(version=version)]
    schema = SCHEMA[version] if schema_version is None else schema_version
    metadata = (
        f"<metadata><schema>ADL SCORM</schema><schemaversion>{schema}</schemaversion></metadata>"
        if schema
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>'
        f'<manifest identifier="{identifier}" version="1" xmlns="{CP[version]}" '
        f'xmlns:adlcp="{ADL[version]}">{metadata}'
        f'<organizations default="{default or org_id}">'
        f'<organization identifier="{org_id}"><title>Forflytning</title>{"".join(items)}'
        f"</organization></organizations>"
        f"<resources>{''.join(resources)}</resources></manifest>"
    ).encode()


SCO_HTML = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Forflytning</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="sco.js" defer></script></head>
<body><main><h1>Forflytning af borgere</h1><p id="status">Indlæser</p>
<p id="resume"></p>
<button id="finish" type="button" disabled>Afslut</button></main></body></html>
"""

# Each version's calls, in one script: the SCO tells which API it found.
SCO_JS = """
function findAPI(name) {
  let win = window;
  for (let hops = 0; win && hops < 10; hops += 1) {
    try {
      if (win[name]) { return win[name]; }
    } catch (e) {
      return null;  // a window of another origin: the API is never there
    }
    if (win.parent === win) { break; }
    win = win.parent;
  }
  return null;
}
const status = document.getElementById("status");
const resume = document.getElementById("resume");
const finish = document.getElementById("finish");
const api12 = findAPI("API");
const api2004 = api12 ? null : findAPI("API_1484_11");
const scorm = api12 ? {
  version: "1.2",
  init: () => api12.LMSInitialize(""),
  get: (name) => api12.LMSGetValue(name),
  set: (name, value) => api12.LMSSetValue(name, value),
  commit: () => api12.LMSCommit(""),
  finish: () => api12.LMSFinish(""),
  location: "cmi.core.lesson_location", entry: "cmi.core.entry", exit: "cmi.core.exit",
  learner: "cmi.core.student_id",
} : {
  version: "2004",
  init: () => api2004.Initialize(""),
  get: (name) => api2004.GetValue(name),
  set: (name, value) => api2004.SetValue(name, value),
  commit: () => api2004.Commit(""),
  finish: () => api2004.Terminate(""),
  location: "cmi.location", entry: "cmi.entry", exit: "cmi.exit",
  learner: "cmi.learner_id",
};
if (!api12 && !api2004) {
  status.textContent = "Fejl: ingen SCORM API";
} else if (String(scorm.init()) !== "true") {
  status.textContent = "Fejl: init";
} else {
  const page = scorm.get(scorm.location);
  const saved = scorm.get("cmi.suspend_data");
  resume.textContent = page
    ? "Fortsætter på side " + page + " (" + saved + ", " + scorm.get(scorm.entry) + ")"
    : "Første besøg (" + scorm.get(scorm.entry) + ")";
  scorm.set(scorm.location, "side-" + (page ? "3" : "2"));
  scorm.set("cmi.suspend_data", page ? saved + ";svar2=nej" : "svar1=ja");
  if (scorm.version === "1.2") {
    scorm.set("cmi.core.lesson_status", "incomplete");
  } else {
    scorm.set("cmi.completion_status", "incomplete");
  }
  scorm.commit();
  status.textContent = "Klar (SCORM " + scorm.version + ")";
  finish.disabled = false;
}
finish.addEventListener("click", () => {
  if (scorm.version === "1.2") {
    scorm.set("cmi.core.score.raw", "90");
    scorm.set("cmi.core.score.min", "0");
    scorm.set("cmi.core.score.max", "100");
    scorm.set("cmi.core.lesson_status", "passed");
  } else {
    scorm.set("cmi.score.scaled", "0.9");
    scorm.set("cmi.score.raw", "9");
    scorm.set("cmi.score.min", "0");
    scorm.set("cmi.score.max", "10");
    scorm.set("cmi.success_status", "passed");
    scorm.set("cmi.completion_status", "completed");
  }
  scorm.set(scorm.exit, "suspend");
  scorm.commit();
  status.textContent = String(scorm.finish()) === "true" ? "Færdig" : "Fejl: finish";
  finish.disabled = true;
});
"""


def sco_package(manifest_text=None, *, version="1.2", extra_files=None):
    """A SCORM package with one working SCO (index.html + sco.js)."""
    files = {
        "imsmanifest.xml": manifest_text or manifest(version),
        "index.html": SCO_HTML,
        "sco.js": SCO_JS,
    }
    files.update(extra_files or {})
    return zip_bytes(files)
