"""Real packages for the tests: cmi5.xml texts, zips, and a working AU built with the
``@xapi/cmi5`` library from npm (node_modules, installed by ``make node_modules``)."""

import io
import zipfile
from pathlib import Path

from tests.services import missing

ROOT = Path(__file__).resolve().parents[3]
CMI5_LIBRARY = ROOT / "node_modules" / "@xapi" / "cmi5" / "dist" / "Cmi5.umd.js"
NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
COURSE_ID = "https://example.org/courses/haandhygiejne"
AU_ID = "https://example.org/courses/haandhygiejne/au/1"


def au_xml(
    au_id=AU_ID,
    url="index.html",
    move_on="CompletedAndPassed",
    mastery="0.8",
    title="Håndhygiejne i hjemmeplejen",
    extra="",
):
    mastery_attr = f' masteryScore="{mastery}"' if mastery is not None else ""
    return (
        f'<au id="{au_id}" moveOn="{move_on}"{mastery_attr}{extra}>'
        f'<title><langstring lang="da-DK">{title}</langstring></title>'
        f'<description><langstring lang="da-DK">Kort kursus</langstring></description>'
        f"<url>{url}</url></au>"
    )


def cmi5_xml(*aus, course_id=COURSE_ID, objectives=""):
    aus = aus or (au_xml(),)
    return (
        f'<?xml version="1.0" encoding="utf-8"?><courseStructure xmlns="{NS}">'
        f'<course id="{course_id}"><title><langstring lang="da-DK">Håndhygiejne</langstring>'
        f'</title><description><langstring lang="da-DK">Om hænder</langstring></description>'
        f"</course>{objectives}{''.join(aus)}</courseStructure>"
    ).encode()


def zip_bytes(files, compression=zipfile.ZIP_DEFLATED):
    """A zip of {name: bytes or str}."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


AU_HTML = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Håndhygiejne</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="cmi5.umd.js"></script><script src="au.js" defer></script></head>
<body><main><h1>Håndhygiejne</h1><p id="status">Indlæser</p>
<p id="bookmark"></p>
<button id="finish" type="button" disabled>Afslut</button></main></body></html>
"""

# The AU: initialize (fetch, LMS.LaunchData, initialized), remember a bookmark in its own
# state, and on "Afslut" send passed with a score, completed and terminated.
AU_JS = """
const status = document.getElementById("status");
const finish = document.getElementById("finish");
const cmi5 = new Cmi5();
function bookmarkState(extra) {
  return Object.assign({
    agent: cmi5.getLaunchParameters().actor,
    activityId: cmi5.getLaunchParameters().activityId,
    registration: cmi5.getLaunchParameters().registration,
    stateId: "bookmark",
  }, extra || {});
}
cmi5.initialize().then(async () => {
  try {
    const saved = await cmi5.xapi.getState(bookmarkState());
    document.getElementById("bookmark").textContent = "Bogmærke: " + saved.data.page;
  } catch (e) {
    document.getElementById("bookmark").textContent = "Intet bogmærke";
  }
  await cmi5.xapi.setState(bookmarkState({state: {page: 3}}));
  status.textContent = "Klar (" + cmi5.getLaunchData().launchMode + ")";
  finish.disabled = false;
}).catch((e) => { status.textContent = "Fejl: " + e.message; });
finish.addEventListener("click", async () => {
  try {
    await cmi5.pass({scaled: 0.9, raw: 9, min: 0, max: 10});
    await cmi5.complete();
    await cmi5.terminate();
    status.textContent = "Færdig";
  } catch (e) { status.textContent = "Fejl: " + e.message; }
});
"""

# Script in a package trying to reach the platform: its cookies, its pages, the parent page.
SPY_HTML = """<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Spion</title>
<script src="spy.js" defer></script></head><body><main><h1>Spion</h1>
<p id="cookies"></p><p id="page"></p><p id="parent"></p></main></body></html>
"""
SPY_JS = """
// The platform's origin, as Chromium tells a frame whose page embeds it.
const platform = location.ancestorOrigins[0];
document.getElementById("cookies").textContent = "cookies=" + document.cookie;
fetch(platform + "/laering/min-laering/", {credentials: "include"})
  .then((r) => r.text())
  .then((t) => { document.getElementById("page").textContent = "page=read:" + t.length; })
  .catch(() => { document.getElementById("page").textContent = "page=blocked"; });
try {
  document.getElementById("parent").textContent = "parent=" + window.parent.document.title;
} catch (e) {
  document.getElementById("parent").textContent = "parent=blocked";
}
"""


def au_files():
    """The working AU's files: its page and script, and the cmi5 library from npm, as
    authoring tools ship it."""
    if not CMI5_LIBRARY.exists():
        missing("node_modules is missing: run `make node_modules`")
    return {"index.html": AU_HTML, "au.js": AU_JS, "cmi5.umd.js": CMI5_LIBRARY.read_bytes()}


def au_package(*aus, extra_files=None):
    """The working AU as a zip, with the cmi5 library from npm inside, as authoring tools do."""
    files = {"cmi5.xml": cmi5_xml(*aus), **au_files(), "spy.html": SPY_HTML, "spy.js": SPY_JS}
    files.update(extra_files or {})
    return zip_bytes(files)


def lesson_with_package(lesson, package):
    """Put a package block into ``lesson`` (a live page) and publish it."""
    lesson.body = [("package", {"package": package, "heading": ""})]
    lesson.save_revision().publish()
    return lesson
