// The upload form: refuse a file that is too big or not a video before sending it (the server
// checks again), and say the upload is under way.

const form = document.getElementById("upload-form");
const input = document.getElementById("video");
const error = document.getElementById("upload-error");
const button = document.getElementById("upload-btn");
const maxBytes = Number(form.dataset.maxBytes);
const types = form.dataset.types.split(",").map((t) => t.trim()).filter(Boolean);

const mb = (n) => `${Math.round(n / (1024 * 1024))} MB`;

function accepted(file) {
  if (!file.type) return true; // the server checks the content
  return types.some((t) => (t.endsWith("/*") ? file.type.startsWith(t.slice(0, -1)) : file.type === t));
}

function problem(file) {
  if (!file) return "Choose a video file to upload.";
  if (!accepted(file)) return `${file.name} (${file.type}) is not a video. Choose a video file: MP4, MOV, WebM or AVI.`;
  if (file.size > maxBytes) return `The video is ${mb(file.size)}; the limit is ${mb(maxBytes)}. Trim it, or record at a lower resolution, and try again.`;
  return null;
}

function show(message) {
  error.textContent = message || "";
  error.hidden = !message;
}

input.addEventListener("change", () => show(problem(input.files[0])));
form.addEventListener("submit", (event) => {
  const message = problem(input.files[0]);
  if (message) {
    event.preventDefault();
    show(message);
    return;
  }
  show("");
  button.disabled = true;
  button.textContent = "Uploading…";
});

// A refusal from the server: bring it into view (the form is below the fold on a phone).
if (!error.hidden && error.textContent.trim()) {
  error.tabIndex = -1;
  error.scrollIntoView({ block: "center" });
  error.focus({ preventScroll: true });
}
