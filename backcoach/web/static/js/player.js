// The guided-session player: draws the server engine's view, sends taps and keys as commands,
// speaks the engine's cues. All rules (counting, holds, rests, pain) live on the server.

import { SessionApi } from "./api.js";
import { CameraCoach, cameraProblem } from "./camera.js";
import { Voice } from "./speech.js";

const $ = (id) => document.getElementById(id);
const root = $("player");
const sid = root.dataset.sid;
const api = new SessionApi(sid);
const voice = new Voice();
const RING = 2 * Math.PI * 54;
const STARTED_KEY = `backcoach-started-${sid}`;

// The server renders the engine's state into the page: draw it at once. A session the person
// has already begun (in this tab or another) opens where it is, without the Start screen.
const initial = JSON.parse($("initial-state").textContent);
let state = null;
let started = sessionStorage.getItem(STARTED_KEY) === "1" || initial.begun;
let pendingSpeech = [];
let reloaded = started;
let timer = null; // {deadline, remaining, total, frozen}
let stopRest = null; // {deadline, total}: the rest asked for after a pain stop
let lastPoll = 0;
let lastLive = "";
let stopShown = false;
let afterShown = false;
let lastMessage = "";
let messageTimer = null;
let camera = null;

const sideName = (s) => (s ? s[0].toUpperCase() + s.slice(1) : "");

function show(el, visible) {
  el.hidden = !visible;
}

function setError(message) {
  const box = $("conn-error");
  box.textContent = message || "";
  show(box, Boolean(message));
}

async function send(promise) {
  try {
    apply(await promise);
    setError("");
  } catch (err) {
    setError(`${err.message} Every finished set is already saved.`);
  }
}

function apply(data) {
  state = data;
  const speech = [];
  for (const e of data.events) {
    if (e.kind === "cue" && e.text) speech.push(e.text);
  }
  if (!started) pendingSpeech.push(...speech);
  else if (!reloaded) voice.say(speech);
  reloaded = false; // after a reload, the backlog is not read out again
  const v = data.view;
  const remaining = v.hold_remaining ?? v.rest_remaining;
  const total = v.hold_remaining !== null ? v.hold_total : v.rest_total;
  timer = remaining === null || remaining === undefined
    ? null
    : { deadline: performance.now() + remaining * 1000, remaining, total, frozen: v.paused };
  stopRest = data.stop_rest_remaining === null || data.finished
    ? null
    : { deadline: performance.now() + data.stop_rest_remaining * 1000, total: data.stop_rest_total };
  render();
}

function activePhase(v) {
  if (v.phase !== "paused") return v.phase;
  if (v.hold_remaining !== null) return "hold";
  if (v.rest_remaining !== null) return "rest";
  return "move";
}

function render() {
  if (!state) return;
  const v = state.view;
  root.dataset.state = state.finished ? "done" : v.phase;
  if (state.finished) {
    if (camera) stopCamera("The session is over: the camera is off.");
    if (state.ended_at_start || state.pain_after !== null) {
      window.location.assign(state.summary_url);
      return;
    }
    show($("ready-panel"), false);
    show($("stage"), false);
    show($("stop-panel"), false);
    show($("after-panel"), true);
    $("plan-pos").textContent = "Session over";
    $("plan-fill").style.width = "100%";
    $("after-title").textContent = state.after_title;
    $("after-message").textContent = v.message || "";
    $("pause-btn").disabled = true;
    $("quit-btn").disabled = true;
    if (!afterShown) {
      afterShown = true;
      $("after-panel").focus();
    }
    return;
  }
  if (!started) {
    root.dataset.state = "ready";
    $("start-btn").disabled = false;
    return;
  }
  show($("ready-panel"), false);
  show($("stage"), true);

  $("plan-pos").textContent = `Exercise ${v.exercise_index + 1} of ${v.exercise_count}`;
  $("plan-fill").style.width = `${(100 * v.exercise_index) / Math.max(1, v.exercise_count)}%`;

  const img = $("ex-img");
  const src = `/illustrations/${v.exercise_id}-rep.svg`;
  if (!img.src.endsWith(src)) {
    img.src = src;
    img.alt = `Animation of one repetition of ${(v.exercise_name || "").toLowerCase()}`;
  }
  $("ex-name").textContent = v.exercise_name || "";
  $("ex-instruction").textContent = v.instruction || "";
  $("ex-note").textContent = v.note || "";
  show($("ex-note"), Boolean(v.note));

  const phase = activePhase(v);
  const chip = $("side-chip");
  if (v.side && phase !== "rest") {
    chip.textContent = v.mode === "alternating" ? `Next: ${v.side}` : `${sideName(v.side)} side`;
    chip.dataset.side = v.side;
  }
  show(chip, Boolean(v.side) && phase !== "rest");

  // Alternating sets count every movement (a left and a right make two), as the engine does.
  const sides = Object.keys(v.reps_by_side || {});
  const alternating = v.mode === "alternating" && sides.length > 1;
  const done = alternating ? sides.reduce((n, s) => n + v.reps_by_side[s], 0) : v.reps_done;
  const target = alternating ? v.reps_target * sides.length : v.reps_target;
  $("count").textContent = done;
  $("target").textContent = target;
  $("by-side").textContent = sides
    .map((s) => `${sideName(s)} ${v.reps_by_side[s]} / ${v.reps_target}`)
    .join("  ·  ");
  show($("by-side"), sides.length > 1);
  const live = alternating
    ? `${done} of ${target} movements, next ${v.side}`
    : `${done} of ${target} reps${v.side ? `, ${v.side} side` : ""}`;
  if (live !== lastLive) {
    lastLive = live;
    $("counter-live").textContent = live;
  }
  show($("counter"), phase !== "rest");

  show($("timer"), timer !== null);
  root.classList.toggle("has-timer", timer !== null);
  $("timer-label").textContent = phase === "rest" ? "Rest" : "Hold";
  $("timer").dataset.phase = phase;
  drawTimer();

  const rep = $("rep-btn");
  const labels = {
    move: v.hold_total ? "Start hold" : "Rep done",
    hold: "Done holding",
    rest: "Skip rest",
  };
  rep.textContent = v.paused ? "Resume" : labels[phase] || "Rep done";
  rep.disabled = v.phase === "pain_stop";
  $("pause-btn").textContent = v.paused ? "Resume" : "Pause";
  $("pause-btn").disabled = v.phase === "pain_stop";
  $("repeat-btn").disabled = v.phase === "pain_stop";
  $("skip-btn").disabled = v.phase === "pain_stop";
  $("pain-btn").disabled = v.phase === "pain_stop";
  root.classList.toggle("is-paused", v.paused);

  showMessage(v.phase === "pain_stop" ? "" : v.message || "");
  $("next-up").textContent = state.up_next || "";
  show($("next-up"), Boolean(state.up_next));

  const stopping = v.phase === "pain_stop";
  show($("stop-panel"), stopping);
  show($("stage"), !stopping);
  if (stopping) {
    $("stop-message").textContent = v.message || "";
    $("stop-offer").textContent = v.offer || "";
    show($("stop-offer"), Boolean(v.offer));
    show($("easier-btn"), Boolean(v.offer) && state.can_carry_on);
    drawStopRest();
    if (!stopShown) $("stop-panel").focus();
  }
  stopShown = stopping;
}

// A new decision or notice shows for a while, then clears; the summary keeps them all.
function showMessage(text) {
  if (text === lastMessage) return;
  lastMessage = text;
  $("message").textContent = text;
  clearTimeout(messageTimer);
  if (text) messageTimer = setTimeout(() => { $("message").textContent = ""; }, 12000);
}

// After a pain stop: rest first (a countdown), then a fresh pain rating; only a rating the
// engine judges fine opens the easier way (the server checks the same before accepting it).
function drawStopRest() {
  if (!state || state.view.phase !== "pain_stop") return;
  const offer = Boolean(state.view.offer);
  const left = stopRest ? Math.max(0, (stopRest.deadline - performance.now()) / 1000) : 0;
  const resting = stopRest !== null && state.stop_rest_remaining > 0;
  const secs = Math.ceil(left);
  $("stop-rest-time").textContent = resting
    ? `Rest: ${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, "0")}`
    : "";
  show($("stop-rest-time"), resting);
  let text;
  if (resting) {
    text = offer
      ? "Rest now, lying or sitting comfortably. Then rate your pain again: if it has settled, you can carry on the easier way."
      : "Rest now, lying or sitting comfortably, then skip to the next exercise or end the session.";
  } else if (state.can_carry_on) {
    text = "Your pain has settled enough to carry on the easier way, if you want to.";
  } else {
    text = offer
      ? "Rest done. How is your back now? Rate your pain again before carrying on."
      : "Rest done. Skip to the next exercise or end the session.";
  }
  if ($("stop-rest-text").textContent !== text) $("stop-rest-text").textContent = text;
  show($("rerate-btn"), offer && !resting && !state.can_carry_on);
  if (resting && left <= 0 && performance.now() - lastPoll > 700) poll();
}

function drawTimer() {
  if (!timer) return;
  const remaining = timer.frozen
    ? timer.remaining
    : Math.max(0, (timer.deadline - performance.now()) / 1000);
  $("timer-num").textContent = Math.ceil(remaining);
  const frac = timer.total ? remaining / timer.total : 0;
  $("ring-fill").style.strokeDasharray = `${RING}`;
  $("ring-fill").style.strokeDashoffset = `${RING * (1 - frac)}`;
  if (remaining <= 0 && performance.now() - lastPoll > 700) poll();
}

function poll() {
  lastPoll = performance.now();
  send(api.state());
}

// --- camera ---------------------------------------------------------------------------------
// The server's camera coach follows the session's exercise; each rep it counts goes into the
// session as a camera rep, and the page fetches the new state. Tapping keeps working.

function cameraChip(text) {
  $("camera-chip").textContent = text;
}

function onCamera(msg) {
  if (msg.session_changed) poll();
  for (const e of msg.events) {
    if (e.kind === "cue" || e.kind === "visibility") {
      cameraChip(e.text);
      voice.say([e.text]);
    } else if (e.kind === "visible") {
      cameraChip("Camera on: I can see you, counting.");
    }
  }
}

function stopCamera(text) {
  if (camera) camera.stop();
  camera = null;
  root.dataset.camera = "off";
  show($("player-camera"), false);
  show($("ex-img"), true);
  $("camera-btn").setAttribute("aria-pressed", "false");
  cameraChip(text || "");
}

async function startCamera() {
  root.dataset.camera = "starting";
  $("camera-btn").disabled = true;
  cameraChip("Starting the camera coach…");
  camera = new CameraCoach({
    video: $("camera-video"),
    overlay: $("camera-overlay"),
    query: `session=${encodeURIComponent(sid)}`,
    skeleton: JSON.parse(root.dataset.skeleton),
    onUpdate: onCamera,
    onError: (message, fatal) => (fatal ? stopCamera(`${message} Keep tapping Rep done.`) : cameraChip(message)),
    onClose: () => stopCamera("The camera coach stopped. Keep tapping Rep done, or turn the camera on again."),
  });
  try {
    await camera.start();
  } catch (err) {
    camera = null;
    $("camera-btn").disabled = false;
    stopCamera(`${cameraProblem(err)} Keep tapping Rep done.`);
    return;
  }
  $("camera-btn").disabled = false;
  root.dataset.camera = "on";
  root.dataset.cameraStartedAt = String(Date.now());
  show($("ex-img"), false);
  show($("player-camera"), true);
  $("camera-btn").setAttribute("aria-pressed", "true");
  cameraChip("Camera on: BackCoach counts your reps. You can still tap.");
}

function toggleCamera() {
  if (!state || state.finished) return;
  if (camera) stopCamera("The camera is off. Tap Rep done after each movement.");
  else startCamera();
}

// --- actions --------------------------------------------------------------------------------

function primary() {
  if (!state || state.finished) return;
  const v = state.view;
  if (v.phase === "pain_stop") return;
  if (v.paused) return send(api.command("resume"));
  if (activePhase(v) === "rest") return send(api.command("next"));
  return send(api.command("rep"));
}

function openPain() {
  if (!state || state.finished) return;
  if (state.view.phase === "pain_stop" && state.stop_rest_remaining > 0) return;
  $("pain-form").reset();
  $("pain-dialog").showModal();
}

function openQuit() {
  if (!state || state.finished) return;
  $("quit-dialog").showModal();
}

function toggleMute() {
  voice.setMuted(!voice.muted);
  $("mute-btn").setAttribute("aria-pressed", String(voice.muted));
}

function begin() {
  started = true;
  sessionStorage.setItem(STARTED_KEY, "1");
  voice.say(pendingSpeech);
  pendingSpeech = [];
  render();
  $("rep-btn").focus();
}

$("start-btn").addEventListener("click", begin);
$("rep-btn").addEventListener("click", primary);
$("pause-btn").addEventListener("click", () => send(api.command("toggle_pause")));
$("repeat-btn").addEventListener("click", () => send(api.command("repeat")));
$("skip-btn").addEventListener("click", () => send(api.command("skip")));
$("pain-btn").addEventListener("click", openPain);
$("quit-btn").addEventListener("click", openQuit);
$("mute-btn").addEventListener("click", toggleMute);
$("camera-btn").addEventListener("click", toggleCamera);
window.addEventListener("pagehide", () => camera && camera.stop());
$("easier-btn").addEventListener("click", () => send(api.command("accept_easier")));
$("rerate-btn").addEventListener("click", openPain);
$("stop-skip-btn").addEventListener("click", () => send(api.command("skip")));
$("stop-quit-btn").addEventListener("click", () => send(api.command("quit")));
$("quit-cancel").addEventListener("click", () => $("quit-dialog").close());
$("quit-confirm").addEventListener("click", () => {
  $("quit-dialog").close();
  send(api.command("quit"));
});
$("pain-cancel").addEventListener("click", () => $("pain-dialog").close());
$("pain-form").addEventListener("submit", (event) => {
  const checked = $("pain-form").querySelector("input[name=pain_now]:checked");
  if (!checked) {
    event.preventDefault();
    return;
  }
  send(api.pain(Number(checked.value), $("leg-pain").checked));
});
$("after-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const checked = $("after-form").querySelector("input[name=pain_after]:checked");
  if (!checked) return;
  $("after-submit").disabled = true;
  try {
    const data = await api.painAfter(Number(checked.value));
    window.location.assign(data.summary_url);
  } catch (err) {
    $("after-submit").disabled = false;
    setError(err.message);
  }
});

const KEYS = {
  " ": primary,
  Enter: primary,
  p: () => send(api.command("toggle_pause")),
  n: () => state && activePhase(state.view) === "rest" && send(api.command("next")),
  r: () => send(api.command("repeat")),
  s: () => send(api.command("skip")),
  x: openPain,
  m: toggleMute,
  c: toggleCamera,
  q: openQuit,
};

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  if (document.querySelector("dialog[open]")) return;
  const target = event.target;
  const interactive = target.closest && target.closest("button, a, input, select, textarea, summary");
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if ((key === " " || key === "Enter") && interactive) return; // the focused control acts
  if (interactive && target.matches("input, select, textarea")) return;
  if (!started && (key === " " || key === "Enter")) {
    event.preventDefault();
    begin();
    return;
  }
  const action = KEYS[key];
  if (!action || !started) return;
  event.preventDefault();
  action();
});

$("mute-btn").setAttribute("aria-pressed", String(voice.muted));

setInterval(() => {
  if (!state || state.finished) return;
  drawTimer();
  drawStopRest();
  const busy = (timer !== null && !timer.frozen) || stopRest !== null;
  const gap = busy ? 1000 : 5000;
  if (performance.now() - lastPoll > gap) poll();
}, 100);

api.since = initial.last_seq;
apply(initial);
poll();
