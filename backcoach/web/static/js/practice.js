// "Practise with your camera": the webcam, the skeleton, the count, the cues spoken aloud.
// Without a camera (or with permission refused) the page says so and counts taps instead.

import { CameraCoach, cameraProblem } from "./camera.js";
import { Voice } from "./speech.js";

const $ = (id) => document.getElementById(id);
const root = $("live");
const exercise = root.dataset.exercise;
const sided = root.dataset.sided === "true";
const skeleton = JSON.parse(root.dataset.skeleton);
const voice = new Voice();
const sideName = (s) => (s ? s[0].toUpperCase() + s.slice(1) : "");

let coach = null;
let taps = 0;
let seeing = true;

function setState(state) {
  root.dataset.state = state;
}

function status(text) {
  $("camera-status").textContent = text;
}

function showCount(count, bySide) {
  $("live-count").textContent = String(count);
  $("overlay-count").textContent = String(count);
  if (sided && bySide) {
    $("live-by-side").textContent = `Left ${bySide.left || 0} · Right ${bySide.right || 0}`;
    $("overlay-sides").textContent = `L ${bySide.left || 0} · R ${bySide.right || 0}`;
  }
}

function showHold(elapsed, target) {
  const box = $("hold-box");
  if (elapsed === null || elapsed === undefined) {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const goal = target || Math.max(elapsed, 1);
  $("hold-meter").max = goal;
  $("hold-meter").value = Math.min(elapsed, goal);
  $("hold-label").textContent = `Hold: ${elapsed.toFixed(1)} of ${goal.toFixed(0)} s`;
}

function onUpdate(msg) {
  showCount(msg.count, msg.count_by_side);
  let holdTarget = null;
  for (const e of msg.events) {
    if (e.kind === "rep") {
      const side = e.rep.side;
      const n = side ? msg.count_by_side[side] : msg.count;
      const said = side ? `${sideName(side)}, ${n}.` : `${msg.count}.`;
      voice.say([said]);
      $("count-announce").textContent = side
        ? `${sideName(side)} side: ${n}. ${msg.count} in all.`
        : `${msg.count} counted.`;
    } else if (e.kind === "cue") {
      $("live-cue").textContent = e.text;
      voice.say([e.text]);
    } else if (e.kind === "visibility") {
      seeing = false;
      root.dataset.visible = "false";
      status(e.text);
      voice.say([e.text]);
    } else if (e.kind === "visible") {
      seeing = true;
      root.dataset.visible = "true";
      status("I can see you: counting.");
    } else if (e.kind === "hold") {
      holdTarget = e.target;
    }
  }
  const st = msg.status;
  showHold(st.hold_elapsed, holdTarget || Number($("hold-meter").max) || null);
  $("live-measure").textContent = st.metric && st.value !== null && seeing
    ? `${sideName(st.metric)}: ${Math.round(st.value)}${st.metric.includes("lift") ? "" : "°"}`
    : "";
}

function fallback(message) {
  setState("tapping");
  $("camera-error").textContent = message;
  $("camera-error").hidden = false;
  $("tap-box").hidden = false;
  $("live-by-side").hidden = true;
  $("camera-start").hidden = false;
  $("camera-start").textContent = "Try the camera again";
  $("camera-stop").hidden = true;
  status("The camera is off.");
}

async function start() {
  $("camera-error").hidden = true;
  $("camera-start").hidden = true;
  setState("starting");
  status("Starting the coach and the camera…");
  coach = new CameraCoach({
    video: $("camera-video"),
    overlay: $("camera-overlay"),
    query: `exercise=${encodeURIComponent(exercise)}`,
    skeleton,
    onUpdate,
    onError: (message, fatal) => (fatal ? fallback(message) : status(message)),
    onClose: () => fallback("The connection to the camera coach closed. Start it again, or count by tapping."),
  });
  try {
    await coach.start();
  } catch (err) {
    coach = null;
    fallback(cameraProblem(err));
    return;
  }
  setState("live");
  root.dataset.startedAt = String(Date.now());
  $("camera-placeholder").hidden = true;
  $("camera-stop").hidden = false;
  $("tap-box").hidden = true;
  if (sided) $("live-by-side").hidden = false;
  status("Camera on. Get into position; counting starts when you move.");
  if (window.matchMedia("(max-width: 820px)").matches) {
    $("camera-box").scrollIntoView({ block: "start", behavior: "smooth" });
  }
}

function stop() {
  if (coach) coach.stop();
  coach = null;
  setState("stopped");
  $("camera-stop").hidden = true;
  $("camera-start").hidden = false;
  $("camera-start").textContent = "Start the camera again";
  $("camera-placeholder").hidden = false;
  showHold(null);
  status("The camera is off. Your count stays on the page.");
}

function tap() {
  taps += 1;
  showCount(taps, null);
  $("count-announce").textContent = `${taps} counted.`;
  voice.say([`${taps}.`]);
}

function toggleMute() {
  voice.setMuted(!voice.muted);
  $("mute-btn").setAttribute("aria-pressed", String(voice.muted));
}

$("camera-start").addEventListener("click", start);
$("camera-stop").addEventListener("click", stop);
$("tap-btn").addEventListener("click", tap);
$("mute-btn").addEventListener("click", toggleMute);
$("mute-btn").setAttribute("aria-pressed", String(voice.muted));
window.addEventListener("pagehide", () => coach && coach.stop());
