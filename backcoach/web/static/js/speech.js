// Spoken cues through the Web Speech API, with a mute that is remembered on this device.
// Every cue that would be spoken is also kept in window.backcoachSpoken (tests read it).

const KEY = "backcoach-muted";

export class Voice {
  constructor() {
    this.muted = localStorage.getItem(KEY) === "1";
    this.synth = "speechSynthesis" in window ? window.speechSynthesis : null;
    window.backcoachSpoken = window.backcoachSpoken || [];
  }

  get available() {
    return this.synth !== null;
  }

  setMuted(muted) {
    this.muted = muted;
    localStorage.setItem(KEY, muted ? "1" : "0");
    if (muted && this.synth) this.synth.cancel();
  }

  // Say the texts in order; a new batch replaces whatever is still queued.
  say(texts) {
    const list = texts.filter((t) => t && t.trim());
    if (!list.length || this.muted) return;
    window.backcoachSpoken.push(...list);
    if (!this.synth) return;
    this.synth.cancel();
    for (const text of list) {
      const u = new SpeechSynthesisUtterance(text);
      u.rate = 0.95;
      u.lang = "en";
      this.synth.speak(u);
    }
  }
}
