// The analysis progress bar: polls /api/analyses/{id} until the job ends, then shows the
// result page (the server renders it).

const STAGES = {
  starting: "Starting",
  pose: "Finding your body in each frame",
  analysis: "Counting and checking the reps",
  video: "Drawing the annotated video",
  done: "Done",
};

const box = document.getElementById("job");
const bar = document.getElementById("job-progress");
const label = document.getElementById("job-stage");
const percent = document.getElementById("job-percent");
let lastPercent = -1;

async function poll() {
  let job;
  try {
    const res = await fetch(`/api/analyses/${box.dataset.job}`, { cache: "no-store" });
    if (!res.ok) throw new Error(`The server answered ${res.status}.`);
    job = await res.json();
  } catch (err) {
    label.textContent = `Checking again… (${err.message})`;
    setTimeout(poll, 2000);
    return;
  }
  box.dataset.status = job.status;
  if (job.status === "done" || job.status === "failed") {
    window.location.reload();
    return;
  }
  const pc = Math.round(job.progress * 100);
  bar.value = pc;
  bar.textContent = `${pc}%`;
  label.textContent = job.status === "running" ? STAGES[job.stage] || "Working" : "Waiting for its turn";
  if (pc !== lastPercent && pc % 10 === 0) percent.textContent = `${pc}%`; // not too chatty
  lastPercent = pc;
  setTimeout(poll, 700);
}

poll();
