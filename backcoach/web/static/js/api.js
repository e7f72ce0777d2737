// The guided-session JSON API (/api/sessions/{id}); calls run one at a time, in order.

export class SessionApi {
  constructor(sid) {
    this.base = `/api/sessions/${sid}`;
    this.since = 0;
    this.queue = Promise.resolve();
  }

  _call(path, body) {
    const run = async () => {
      const url = `${this.base}${path}${path.includes("?") ? "&" : "?"}since=${this.since}`;
      const init = body === undefined
        ? { method: "GET" }
        : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
      const res = await fetch(url, init);
      const data = await res.json().catch(() => ({}));
      if (!res.ok) {
        const err = new Error(typeof data.detail === "string" ? data.detail : `The server answered ${res.status}.`);
        err.status = res.status;
        throw err;
      }
      this.since = Math.max(this.since, data.last_seq);
      return data;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  state() { return this._call(""); }
  command(command) { return this._call("/commands", { command }); }
  pain(score, sharpLegPain) { return this._call("/pain", { score, sharp_leg_pain: sharpLegPain }); }
  painAfter(score) { return this._call("/pain-after", { score }); }
}
