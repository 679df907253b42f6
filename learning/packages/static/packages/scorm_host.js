/*
 * The SCORM host page (learning/packages/content_views.py, docs/packages.md "SCORM").
 *
 * Runs on the package content origin, in the player's sandboxed frame. It reads the session's
 * launch token from the fragment and removes it from the address, asks the platform for the
 * runtime data to start with, sets up scorm-again (window.API for SCORM 1.2, window.API_1484_11
 * for 2004) and only then frames the SCO, which finds the API in this, its parent window.
 * Every commit goes to the platform with the launch token and no cookie; LMSFinish/Terminate
 * marks its commit with "terminated": true (scorm-again's terminateCommitPayloadField).
 */
"use strict";

(function () {
  const host = document.getElementById("scorm-host");
  const frame = document.getElementById("sco");
  const failure = document.getElementById("scorm-error");
  const token = new URLSearchParams(location.hash.slice(1)).get("token") || "";
  history.replaceState(null, "", location.pathname + location.search);
  const headers = { Authorization: "Bearer " + token };

  /*
   * Every commit, the last one too, as one synchronous request with the launch token, so
   * LMSCommit / LMSFinish tell the SCO whether the platform took the data (scorm-again's own
   * synchronous service sends the last commit as a beacon, which cannot carry the token; its
   * asynchronous one answers "true" before the platform has answered). No cookie is sent.
   * When the browser refuses a synchronous request (a SCO finishing while its page unloads),
   * the commit still goes, with fetch keepalive, and the SCO is told it may have failed.
   */
  function platformService(failureCode) {
    return {
      processHttpRequest: function (url, params) {
        const body = JSON.stringify(params);
        const request = new XMLHttpRequest();
        try {
          request.open("POST", url, false);
          request.setRequestHeader("Content-Type", "application/json");
          request.setRequestHeader("Authorization", headers.Authorization);
          request.send(body);
        } catch (error) {
          const init = { method: "POST", keepalive: true, credentials: "omit", body: body };
          init.headers = { "Content-Type": "application/json", Authorization: headers.Authorization };
          fetch(url, init).catch(function () {});
          return { result: "false", errorCode: failureCode };
        }
        if (request.status === 200) {
          return { result: "true", errorCode: 0 };
        }
        return { result: "false", errorCode: failureCode };
      },
      updateSettings: function () {},
    };
  }

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
        httpService: platformService(host.dataset.version === "scorm12" ? 101 : 391),
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
