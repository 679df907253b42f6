/*
 * The SCORM host page (learning/packages/content_views.py, docs/packages.md "SCORM").
 *
 * Runs on the package content origin, in the player's sandboxed frame. It reads the session's
 * launch token from the fragment and removes it from the address, asks the platform for the
 * runtime data to start with, sets up scorm-again (window.API for SCORM 1.2, window.API_1484_11
 * for 2004) and only then frames the SCO, which finds the API in this, its parent window.
 * Every commit goes to the platform with the launch token and no cookie; LMSFinish/Terminate
 * marks its commit with "terminated": true.
 */
"use strict";

(function () {
  const host = document.getElementById("scorm-host");
  const frame = document.getElementById("sco");
  const failure = document.getElementById("scorm-error");
  const token = new URLSearchParams(location.hash.slice(1)).get("token") || "";
  history.replaceState(null, "", location.pathname + location.search);
  const headers = { Authorization: "Bearer " + token };

  function fail() {
    failure.hidden = false;
    frame.hidden = true;
  }

  fetch(host.dataset.runtime, { headers: headers, credentials: "omit", cache: "no-store" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("runtime data: HTTP " + response.status);
      }
      return response.json();
    })
    .then(function (data) {
      const settings = {
        lmsCommitUrl: host.dataset.runtime,
        xhrHeaders: headers,
        xhrWithCredentials: false,
        // Commits by fetch (a beacon cannot carry the token), also the one at the end.
        useAsynchronousCommits: true,
        asyncModeBeaconBehavior: "never",
        terminateCommitPayloadField: "terminated",
        autocommit: true,
        autocommitSeconds: 30,
      };
      let api;
      if (host.dataset.version === "scorm12") {
        api = new window.Scorm12API(settings);
        window.API = api;
      } else {
        api = new window.Scorm2004API(settings);
        window.API_1484_11 = api;
      }
      api.loadFromJSON(data.cmi, "");
      frame.src = host.dataset.sco;
    })
    .catch(fail);
})();
