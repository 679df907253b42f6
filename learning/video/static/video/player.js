/* The platform's video player: keyboard-operable controls on a native <video>, a transcript
 * and chapters that seek, and xAPI Video Profile statements posted to the platform's LRS.
 *
 * Loaded with <script defer> by templates/video/player.html and video/embed.html; no inline
 * script (CSP). Everything the script needs comes from data-* attributes. The server forces the
 * actor and decides completion from the played segments; the "completed" statement sent here
 * is the profile's courtesy, not a claim the server believes.
 */
(function () {
    "use strict";

    var VERB = {
        initialized: "http://adlnet.gov/expapi/verbs/initialized",
        played: "https://w3id.org/xapi/video/verbs/played",
        paused: "https://w3id.org/xapi/video/verbs/paused",
        seeked: "https://w3id.org/xapi/video/verbs/seeked",
        completed: "http://adlnet.gov/expapi/verbs/completed",
        terminated: "http://adlnet.gov/expapi/verbs/terminated",
        experienced: "http://adlnet.gov/expapi/verbs/experienced"
    };
    var EXT = "https://w3id.org/xapi/video/extensions/";
    var VIDEO_TYPE = "https://w3id.org/xapi/video/activity-type/video";
    var VIDEO_PROFILE = "https://w3id.org/xapi/video";
    var JUMP = 1.5; // seconds between two timeupdates that mean a jump, not playback

    function uuid() {
        if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
        var b = new Uint8Array(16);
        crypto.getRandomValues(b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); });
        return h.slice(0, 4).join("") + "-" + h.slice(4, 6).join("") + "-" +
            h.slice(6, 8).join("") + "-" + h.slice(8, 10).join("") + "-" + h.slice(10).join("");
    }

    function cookie(name) {
        var match = document.cookie.match("(?:^|; )" + name + "=([^;]*)");
        return match ? decodeURIComponent(match[1]) : "";
    }

    function round3(x) { return Math.round(x * 1000) / 1000; }

    function clock(seconds) {
        seconds = Math.max(0, Math.floor(seconds || 0));
        var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
        var ss = (s < 10 ? "0" : "") + s;
        return h ? h + ":" + (m < 10 ? "0" : "") + m + ":" + ss : m + ":" + ss;
    }

    /* Posts statements one after another, so the LRS sees them in order. */
    function Sender(root) {
        this.endpoint = root.dataset.endpoint;
        this.token = root.dataset.csrfToken || cookie("csrftoken");
        this.chain = Promise.resolve();
        this.pending = 0;  // statements not yet answered (tests wait for 0)
    }
    Sender.prototype.send = function (statement, keepalive) {
        var self = this;
        this.pending += 1;
        var post = function () {
            return fetch(self.endpoint, {
                method: "POST",
                credentials: "same-origin",
                keepalive: !!keepalive,
                headers: {
                    "Content-Type": "application/json",
                    "X-Experience-API-Version": "1.0.3",
                    "X-CSRFToken": self.token
                },
                body: JSON.stringify(statement)
            }).catch(function () { /* offline: the next statement carries the segments again */ })
                .then(function () { self.pending -= 1; });
        };
        this.chain = keepalive ? post() : this.chain.then(post);
        return this.chain;
    };

    function mergeSegments(list) {
        var sorted = list.slice().sort(function (a, b) { return a[0] - b[0]; });
        var out = [];
        sorted.forEach(function (s) {
            if (out.length && s[0] <= out[out.length - 1][1] + 0.5) {
                out[out.length - 1][1] = Math.max(out[out.length - 1][1], s[1]);
            } else {
                out.push([s[0], s[1]]);
            }
        });
        return out;
    }

    function Player(root) {
        this.root = root;
        this.video = root.querySelector("video");
        this.controls = root.querySelector(".video-controls");
        this.playButton = root.querySelector("[data-action=play]");
        this.seek = root.querySelector("[data-control=seek]");
        this.time = root.querySelector("[data-output=time]");
        this.speed = root.querySelector("[data-control=speed]");
        this.sender = new Sender(root);
        this.session = uuid();
        this.activityId = root.dataset.activityId;
        this.title = root.dataset.title;
        this.threshold = parseFloat(root.dataset.threshold) || 0.9;
        this.segments = [];
        this.segmentStart = null;
        this.lastTime = 0;
        this.seekFrom = null;
        this.completedSent = false;
        this.terminated = false;
        this.transcript = Array.prototype.slice.call(
            root.querySelectorAll(".video-transcript [data-seek]"));
        this.activeLine = null;
        this.setUp();
    }

    Player.prototype.length = function () {
        var d = this.video.duration;
        return isFinite(d) && d > 0 ? d : parseFloat(this.root.dataset.length) || 0;
    };

    Player.prototype.playedSegments = function () {
        var list = this.segments.slice();
        if (this.segmentStart !== null && this.lastTime > this.segmentStart) {
            list.push([this.segmentStart, this.lastTime]);
        }
        return mergeSegments(list);
    };

    Player.prototype.progress = function () {
        var length = this.length();
        if (!length) { return 0; }
        var covered = this.playedSegments().reduce(function (sum, s) { return sum + s[1] - s[0]; }, 0);
        return Math.min(1, round3(covered / length));
    };

    Player.prototype.segmentString = function () {
        return this.playedSegments().map(function (s) {
            return round3(s[0]) + "[.]" + round3(s[1]);
        }).join("[,]");
    };

    Player.prototype.closeSegment = function () {
        if (this.segmentStart !== null && this.lastTime > this.segmentStart) {
            this.segments.push([this.segmentStart, this.lastTime]);
            this.segments = mergeSegments(this.segments);
        }
        this.segmentStart = null;
    };

    Player.prototype.statement = function (verb, extensions, extra) {
        var contextExtensions = {};
        contextExtensions[EXT + "session-id"] = this.session;
        contextExtensions[EXT + "length"] = round3(this.length());
        if (verb === "initialized") {
            contextExtensions[EXT + "completion-threshold"] = this.threshold;
        }
        var statement = {
            id: uuid(),
            verb: { id: VERB[verb], display: { "en-US": verb } },
            object: {
                objectType: "Activity",
                id: this.activityId,
                definition: { type: VIDEO_TYPE, name: { "da-DK": this.title } }
            },
            context: {
                language: "da-DK",
                contextActivities: { category: [{ objectType: "Activity", id: VIDEO_PROFILE }] },
                extensions: contextExtensions
            },
            timestamp: new Date().toISOString()
        };
        if (extensions) { statement.result = { extensions: extensions }; }
        if (extra) {
            statement.result = statement.result || {};
            Object.keys(extra).forEach(function (key) { statement.result[key] = extra[key]; });
        }
        return statement;
    };

    Player.prototype.report = function (verb, withSegments, keepalive) {
        var ext = {};
        ext[EXT + "time"] = round3(this.video.currentTime);
        if (withSegments) {
            ext[EXT + "progress"] = this.progress();
            ext[EXT + "played-segments"] = this.segmentString();
        }
        var extra = verb === "completed" ? { completion: true } : null;
        this.sender.send(this.statement(verb, ext, extra), keepalive);
    };

    Player.prototype.setUp = function () {
        var self = this, video = this.video;
        // Our controls replace the native ones; without this script the native ones stay.
        video.removeAttribute("controls");
        this.controls.hidden = false;
        this.sender.send(this.statement("initialized"));

        this.playButton.addEventListener("click", function () {
            if (video.paused || video.ended) { video.play(); } else { video.pause(); }
        });
        this.root.querySelector("[data-action=back]").addEventListener("click", function () {
            video.currentTime = Math.max(0, video.currentTime - 10);
        });
        this.root.querySelector("[data-action=forward]").addEventListener("click", function () {
            video.currentTime = Math.min(self.length(), video.currentTime + 10);
        });
        this.seek.addEventListener("input", function () {
            video.currentTime = parseFloat(self.seek.value);
        });
        this.speed.addEventListener("change", function () {
            video.playbackRate = parseFloat(self.speed.value);
        });
        var captions = this.root.querySelector("[data-control=captions]");
        if (captions) {
            captions.addEventListener("change", function () {
                self.showCaptions(captions.value);
            });
        }
        var fullscreen = this.root.querySelector("[data-action=fullscreen]");
        var stage = this.root.querySelector(".video-player__stage");
        if (fullscreen && stage.requestFullscreen) {
            // The stage (video and its captions) fills the screen; Escape or the button leaves.
            fullscreen.addEventListener("click", function () {
                if (document.fullscreenElement) { document.exitFullscreen(); }
                else { stage.requestFullscreen(); }
            });
            document.addEventListener("fullscreenchange", function () {
                fullscreen.setAttribute(
                    "aria-pressed", document.fullscreenElement === stage ? "true" : "false");
            });
        } else if (fullscreen && video.webkitEnterFullscreen) {
            fullscreen.addEventListener("click", function () { video.webkitEnterFullscreen(); });
        } else if (fullscreen) {
            fullscreen.hidden = true;
        }
        var mute = this.root.querySelector("[data-action=mute]");
        mute.addEventListener("click", function () {
            video.muted = !video.muted;
        });
        video.addEventListener("volumechange", function () {
            mute.setAttribute("aria-pressed", video.muted ? "true" : "false");
        });
        Array.prototype.forEach.call(this.root.querySelectorAll("[data-seek]"), function (button) {
            button.addEventListener("click", function () {
                video.currentTime = parseFloat(button.dataset.seek);
            });
        });

        video.addEventListener("loadedmetadata", function () {
            self.seek.max = String(Math.floor(self.length()));
            self.updateTime();
        });
        video.addEventListener("play", function () {
            self.playButton.textContent = self.root.dataset.labelPause;
            self.segmentStart = video.currentTime;
            self.lastTime = video.currentTime;
            self.report("played", false);
        });
        video.addEventListener("pause", function () {
            self.playButton.textContent = self.root.dataset.labelPlay;
            if (video.ended || video.seeking) { return; }
            self.lastTime = video.currentTime;
            self.closeSegment();
            self.report("paused", true);
        });
        video.addEventListener("timeupdate", function () {
            var now = video.currentTime;
            if (!video.paused && !video.seeking) {
                if (self.segmentStart !== null && Math.abs(now - self.lastTime) > JUMP) {
                    self.closeSegment();
                    self.segmentStart = now;
                }
                self.lastTime = now;
                self.maybeComplete();
            }
            self.updateTime();
        });
        video.addEventListener("seeking", function () {
            if (self.seekFrom === null) { self.seekFrom = self.lastTime; }
            self.closeSegment();
        });
        video.addEventListener("seeked", function () {
            var ext = {};
            ext[EXT + "time-from"] = round3(self.seekFrom || 0);
            ext[EXT + "time-to"] = round3(video.currentTime);
            self.seekFrom = null;
            self.lastTime = video.currentTime;
            if (!video.paused) { self.segmentStart = video.currentTime; }
            self.sender.send(self.statement("seeked", ext));
            self.updateTime();
        });
        video.addEventListener("ended", function () {
            self.lastTime = self.length();
            self.closeSegment();
            self.playButton.textContent = self.root.dataset.labelPlay;
            self.report("paused", true);
            self.maybeComplete();
        });
        window.addEventListener("pagehide", function () { self.terminate(); });
    };

    Player.prototype.maybeComplete = function () {
        if (!this.completedSent && this.progress() >= this.threshold) {
            this.completedSent = true;
            this.report("completed", true);
        }
    };

    Player.prototype.terminate = function () {
        if (this.terminated) { return; }
        this.terminated = true;
        if (!this.video.paused) { this.lastTime = this.video.currentTime; this.closeSegment(); }
        this.report("terminated", true, true);
    };

    // Show the captions in ``language`` ("" for none); every other caption track is off.
    Player.prototype.showCaptions = function (language) {
        Array.prototype.forEach.call(this.video.textTracks, function (track) {
            if (track.kind === "captions" || track.kind === "subtitles") {
                track.mode = language && track.language === language ? "showing" : "disabled";
            }
        });
    };

    Player.prototype.updateTime = function () {
        var now = this.video.currentTime, length = this.length();
        var text = this.root.dataset.labelPosition
            .replace("%(time)s", clock(now)).replace("%(length)s", clock(length));
        this.time.textContent = clock(now) + " / " + clock(length);
        this.seek.value = String(Math.floor(now));
        this.seek.setAttribute("aria-valuetext", text);
        this.highlight(now);
    };

    Player.prototype.highlight = function (now) {
        var current = null;
        this.transcript.forEach(function (button) {
            if (now >= parseFloat(button.dataset.seek) && now < parseFloat(button.dataset.end)) {
                current = button;
            }
        });
        if (current === this.activeLine) { return; }
        if (this.activeLine) { this.activeLine.removeAttribute("aria-current"); }
        if (current) { current.setAttribute("aria-current", "true"); }
        this.activeLine = current;
    };

    /* An embedded external video: shown when the learner asks, then counted as viewed. */
    function setUpEmbed(root) {
        var sender = new Sender(root);
        var sent = false;
        function viewed() {
            if (sent) { return; }
            sent = true;
            sender.send({
                id: uuid(),
                verb: { id: VERB.experienced, display: { "en-US": "experienced" } },
                object: {
                    objectType: "Activity",
                    id: root.dataset.activityId,
                    definition: { type: VIDEO_TYPE, name: { "da-DK": root.dataset.title } }
                },
                context: { language: "da-DK" },
                timestamp: new Date().toISOString()
            }, true);
        }
        var open = root.querySelector("[data-action=open-embed]");
        var template = root.querySelector("template");
        if (open && template) {
            open.addEventListener("click", function () {
                var facade = open.parentNode;
                facade.parentNode.replaceChild(template.content.cloneNode(true), facade);
                viewed();
                var frame = root.querySelector("iframe");
                if (frame) {
                    if (!frame.title) { frame.title = root.dataset.title; }
                    frame.setAttribute("tabindex", "0");
                    frame.focus();
                }
            });
        }
        var link = root.querySelector("[data-action=open-link]");
        if (link) { link.addEventListener("click", viewed); }
    }

    function start() {
        Array.prototype.forEach.call(document.querySelectorAll("[data-video-player]"), function (root) {
            if (root.dataset.ready) { return; }  // the script is included once per player
            root.dataset.ready = "true";
            root.videoPlayer = new Player(root);
        });
        Array.prototype.forEach.call(document.querySelectorAll("[data-video-embed]"), function (root) {
            if (root.dataset.ready) { return; }
            root.dataset.ready = "true";
            setUpEmbed(root);
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", start);
    } else {
        start();
    }
})();
