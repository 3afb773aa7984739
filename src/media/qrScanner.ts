// Finds a QR code in a picture, off the event loop: decoding a photo takes tens to hundreds of
// milliseconds, which would stall every other group if done on the main thread. One worker
// thread (this is a two-core machine), a bounded queue, and a time limit per picture.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Plain JavaScript, evaluated in the worker, so it runs the same under tsx, vitest and a build. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const load = createRequire(workerData.from);
const jsQR = load('jsqr');
const jpeg = load('jpeg-js');
const { PNG } = load('pngjs');

function pixels(buf) {
  if (buf.length > 8 && buf[0] === 0x89 && buf[1] === 0x50 && buf[2] === 0x4e && buf[3] === 0x47) return PNG.sync.read(buf);
  if (buf.length > 3 && buf[0] === 0xff && buf[1] === 0xd8) return jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: workerData.maxMegapixels, maxMemoryUsageInMB: 512 });
  return undefined; // GIF, WebP and the rest: not looked into
}

// Nearest-neighbour shrink: ad QR codes fill much of the picture, and jsQR's time grows with pixels.
function shrink(img, side) {
  const scale = Math.max(img.width, img.height) / side;
  if (scale <= 1) return undefined;
  const width = Math.floor(img.width / scale), height = Math.floor(img.height / scale);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y * scale) * img.width;
    for (let x = 0; x < width; x++) {
      const from = (row + Math.floor(x * scale)) * 4, to = (y * width + x) * 4;
      data[to] = img.data[from]; data[to + 1] = img.data[from + 1]; data[to + 2] = img.data[from + 2]; data[to + 3] = 255;
    }
  }
  return { width, height, data };
}

function find(buf) {
  const img = pixels(buf);
  if (!img) return undefined;
  for (const candidate of [shrink(img, 1000), img]) {
    if (!candidate) continue;
    const data = candidate.data instanceof Uint8ClampedArray ? candidate.data : new Uint8ClampedArray(candidate.data.buffer, candidate.data.byteOffset, candidate.data.length);
    const code = jsQR(data, candidate.width, candidate.height, { inversionAttempts: 'attemptBoth' });
    if (code && code.data) return code.data;
  }
  return undefined;
}

parentPort.on('message', ({ id, bytes }) => {
  try {
    parentPort.postMessage({ id, payload: find(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) });
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
`;

export interface QrScannerOptions {
  /** Pictures waiting beyond this are not looked at (a flood of images must not pile up). */
  maxQueue?: number;
  /** A picture that takes longer is given up on; the worker is replaced. */
  timeoutMs?: number;
  /** Larger files are not looked at. */
  maxBytes?: number;
  maxMegapixels?: number;
}

export type ScanResult = { found: string } | { found: null } | { skipped: 'queue-full' | 'too-large' | 'timeout' | 'closed' | 'error'; detail?: string };

interface Job {
  id: number;
  bytes: Uint8Array;
  resolve(r: ScanResult): void;
}

export class QrScanner {
  private worker?: Worker;
  private readonly queue: Job[] = [];
  private current?: { job: Job; timer: NodeJS.Timeout };
  private nextId = 0;
  private closed = false;
  private readonly o: Required<QrScannerOptions>;

  constructor(o: QrScannerOptions = {}) {
    this.o = { maxQueue: 100, timeoutMs: 10_000, maxBytes: 20 * 1024 * 1024, maxMegapixels: 40, ...o };
  }

  /** The QR payload in the picture, if there is one; never throws. */
  scan(bytes: Uint8Array): Promise<ScanResult> {
    if (this.closed) return Promise.resolve({ skipped: 'closed' });
    if (bytes.byteLength > this.o.maxBytes) return Promise.resolve({ skipped: 'too-large' });
    if (this.queue.length >= this.o.maxQueue) return Promise.resolve({ skipped: 'queue-full' });
    return new Promise((resolve) => {
      this.queue.push({ id: ++this.nextId, bytes, resolve });
      this.pump();
    });
  }

  private spawn(): Worker {
    const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { from: createRequire(import.meta.url).resolve('jsqr'), maxMegapixels: this.o.maxMegapixels } });
    w.on('message', (m: { id: number; payload?: string; error?: string }) => {
      const cur = this.current;
      if (!cur || cur.job.id !== m.id) return;
      this.finish(m.error !== undefined ? { skipped: 'error', detail: m.error } : { found: m.payload ?? null });
    });
    w.on('error', (err) => this.replace({ skipped: 'error', detail: err.message }));
    // An idle scanner never keeps the process alive; after the listeners, which would ref it again.
    w.unref();
    return w;
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.worker ??= this.spawn();
    const timer = setTimeout(() => this.replace({ skipped: 'timeout' }), this.o.timeoutMs);
    this.current = { job, timer };
    this.worker.postMessage({ id: job.id, bytes: job.bytes });
  }

  private finish(r: ScanResult): void {
    const cur = this.current;
    if (!cur) return;
    clearTimeout(cur.timer);
    this.current = undefined;
    cur.job.resolve(r);
    this.pump();
  }

  /** The worker died or hung: answer for its picture, start a fresh one for the rest. */
  private replace(r: ScanResult): void {
    const w = this.worker;
    this.worker = undefined;
    w?.removeAllListeners();
    void w?.terminate();
    this.finish(r);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve({ skipped: 'closed' });
    if (this.current) this.finish({ skipped: 'closed' });
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
