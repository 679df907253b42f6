/* Optional countdown for timed quizzes. The server enforces the deadline; without this script
   the page still says when to submit. Screen readers hear a short warning at 5 and 1 minutes
   rather than every tick. No inline script: the CSP forbids it. */
(function () {
    "use strict";
    var timer = document.getElementById("quiz-timer");
    if (!timer) { return; }
    var deadline = Date.parse(timer.getAttribute("data-deadline"));
    if (isNaN(deadline)) { return; }
    var label = timer.getAttribute("data-label") || "";
    var alertBox = document.getElementById("quiz-timer-alert");
    var warned = {};
    var display = document.createElement("span");
    display.className = "quiz-timer__clock";
    display.setAttribute("aria-hidden", "true");
    timer.appendChild(document.createTextNode(" "));
    timer.appendChild(display);

    function pad(n) { return n < 10 ? "0" + n : String(n); }

    function tick() {
        var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
        var minutes = Math.floor(left / 60);
        display.textContent = label + ": " + minutes + ":" + pad(left % 60);
        [5, 1].forEach(function (mark) {
            if (alertBox && minutes < mark && left > 0 && !warned[mark]) {
                warned[mark] = true;
                alertBox.textContent = mark + " " + (alertBox.getAttribute("data-warning") || "");
            }
        });
        if (left > 0) { window.setTimeout(tick, 1000); }
        else { timer.classList.add("quiz-timer--over"); }
    }
    tick();
}());
