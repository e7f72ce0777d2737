// The webcam side of live coaching: open the camera, send small JPEG frames over the
// /ws/live socket (one in flight, at most ~15 a second), draw the skeleton the server found.
// The server does all the counting; this module only reports what it answers.

const HEADER = 12; // uint32 seq + float64 t, little-endian (backcoach/live/protocol.py)

export class CameraError extends Error {}

// A plain sentence for each way getUserMedia can fail.
export function cameraProblem(err) {
  const name = err && err.name;
  if (name === "NotAllowedError" || name === "SecurityError") {
    return "The camera is blocked: permission was refused. Allow the camera for this page in your browser's settings, or count by tapping.";
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") {
    return "No camera was found on this device. Plug one in, or count by tapping.";
  }
  if (name === "NotReadableError" || name === "AbortError") {
    return "The camera is in use by another program, or could not start. Close the other program, or count by tapping.";
  }
  if (err instanceof CameraError) return err.message;
  return `The camera could not start (${name || err}). Count by tapping instead.`;
}

export class CameraCoach {
  // opts: {video, overlay, query, skeleton, fps, maxSide, onReady, onUpdate, onError, onClose}
  constructor(opts) {
    this.opts = { fps: 15, maxSide: 480, quality: 0.7, ...opts };
    this.video = opts.video;
    this.overlay = opts.overlay;
    this.skeleton = opts.skeleton || [];
    this.running = false;
    this.seq = 0;
    this.inFlight = 0;
    this.sentAt = new Map();
    this.stats = { sent: 0, answered: 0, latencies: [] };
    window.backcoachLive = this.stats;
    this.scratch = document.createElement("canvas");
  }

  // Load the coach on the server first (BlazePose takes a moment), then open the camera, so
  // the first frames of the exercise are not lost while the model loads.
  async start() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw new CameraError(
        "This browser cannot use a camera on this page (it needs a secure https address, or localhost). Count by tapping instead.",
      );
    }
    const ready = await this._connect();
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
        audio: false,
      });
      this.video.srcObject = this.stream;
      await this.video.play();
    } catch (err) {
      this.stop();
      throw err;
    }
    this.t0 = performance.now();
    this.stats.startedAt = this.t0;
    this.running = true;
    this._loop();
    return ready;
  }

  _connect() {
    return new Promise((resolve, reject) => {
      const proto = location.protocol === "https:" ? "wss" : "ws";
      this.ws = new WebSocket(`${proto}://${location.host}/ws/live?${this.opts.query}`);
      this.ws.binaryType = "arraybuffer";
      this._ready = resolve;
      this.ws.onmessage = (ev) => this._message(JSON.parse(ev.data));
      this.ws.onerror = () => reject(new CameraError("BackCoach could not reach the camera coach on the server. Reload the page, or count by tapping."));
      this.ws.onclose = (ev) => {
        const wasRunning = this.running;
        this.stop();
        if (this._ready) reject(new CameraError(this.closeReason || "The camera coach closed before it started. Reload the page, or count by tapping."));
        else if (wasRunning && this.opts.onClose) this.opts.onClose(ev);
      };
    });
  }

  _message(msg) {
    if (msg.type === "ready") {
      const resolve = this._ready;
      this._ready = null;
      if (resolve) resolve(msg);
      return;
    }
    if (msg.type === "error") {
      if (msg.fatal) {
        this.closeReason = msg.message;
        if (this._ready) return; // start() rejects with it when the socket closes
        this.stop();
      } else {
        this.inFlight = 0;
      }
      if (this.opts.onError) this.opts.onError(msg.message, msg.fatal);
      return;
    }
    if (msg.type !== "frame") return;
    this.inFlight = 0;
    const sent = this.sentAt.get(msg.seq);
    if (sent !== undefined) {
      this.stats.latencies.push(performance.now() - sent);
      this.sentAt.delete(msg.seq);
    }
    this.stats.answered += 1;
    this.draw(msg.landmarks);
    if (this.opts.onUpdate) this.opts.onUpdate(msg);
  }

  async _loop() {
    const period = 1000 / this.opts.fps;
    while (this.running) {
      const began = performance.now();
      if (this.inFlight === 0 && this.ws.readyState === WebSocket.OPEN && this.video.readyState >= 2) {
        await this._send();
      }
      const wait = Math.max(5, period - (performance.now() - began));
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  async _send() {
    const vw = this.video.videoWidth;
    const vh = this.video.videoHeight;
    if (!vw || !vh) return;
    const scale = Math.min(1, this.opts.maxSide / Math.max(vw, vh));
    const w = Math.round(vw * scale);
    const h = Math.round(vh * scale);
    this.scratch.width = w;
    this.scratch.height = h;
    const t = (performance.now() - this.t0) / 1000;
    this.scratch.getContext("2d").drawImage(this.video, 0, 0, w, h);
    const blob = await new Promise((r) => this.scratch.toBlob(r, "image/jpeg", this.opts.quality));
    if (!blob || !this.running || this.ws.readyState !== WebSocket.OPEN) return;
    const jpeg = new Uint8Array(await blob.arrayBuffer());
    const buf = new ArrayBuffer(HEADER + jpeg.length);
    const head = new DataView(buf);
    this.seq += 1;
    head.setUint32(0, this.seq, true);
    head.setFloat64(4, t, true);
    new Uint8Array(buf, HEADER).set(jpeg);
    this.inFlight = 1;
    this.sentAt.set(this.seq, performance.now());
    this.stats.sent += 1;
    this.ws.send(buf);
  }

  // The skeleton over the video: bones between visible joints, the person's left in blue,
  // right in orange (the same colours as the annotated videos).
  draw(points) {
    const c = this.overlay;
    const vw = this.video.videoWidth || 640;
    const vh = this.video.videoHeight || 480;
    if (c.width !== vw || c.height !== vh) {
      c.width = vw;
      c.height = vh;
    }
    const ctx = c.getContext("2d");
    ctx.clearRect(0, 0, c.width, c.height);
    if (!points) return;
    const lw = Math.max(2, Math.round(Math.max(vw, vh) / 160));
    const side = (i) => (i === 0 ? "mid" : i % 2 ? "left" : "right");
    const colour = { left: "#4aa8ff", right: "#ff9b3d", mid: "#ffffff" };
    ctx.lineCap = "round";
    for (const [a, b] of this.skeleton) {
      const pa = points[a];
      const pb = points[b];
      if (!pa || !pb) continue;
      const seen = Math.min(pa[2], pb[2]);
      if (seen < 0.3) continue;
      ctx.globalAlpha = seen < 0.5 ? 0.35 : 0.95;
      ctx.strokeStyle = side(a) === side(b) ? colour[side(a)] : colour.mid;
      ctx.lineWidth = lw;
      ctx.beginPath();
      ctx.moveTo(pa[0] * vw, pa[1] * vh);
      ctx.lineTo(pb[0] * vw, pb[1] * vh);
      ctx.stroke();
    }
    for (let i = 11; i < points.length; i += 1) {
      const p = points[i];
      if (p[2] < 0.3) continue;
      ctx.globalAlpha = p[2] < 0.5 ? 0.35 : 1;
      ctx.fillStyle = colour[side(i)];
      ctx.beginPath();
      ctx.arc(p[0] * vw, p[1] * vh, lw * 1.4, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  }

  stop() {
    this.running = false;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) this.ws.close();
    if (this.stream) for (const track of this.stream.getTracks()) track.stop();
    this.stream = null;
    if (this.video) this.video.srcObject = null;
    if (this.overlay) this.overlay.getContext("2d").clearRect(0, 0, this.overlay.width, this.overlay.height);
  }
}
