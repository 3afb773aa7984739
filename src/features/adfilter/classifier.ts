import { type Finding, TEXT_ONLY } from './checks.js';

/**
 * Logistic regression over hashed binary features of a message: character 1–3-grams of the
 * compacted text, Latin/Cyrillic words and word pairs, a few shape features (length, digit runs,
 * share of Chinese, a link) and the findings of the text checks. Trained by plain SGD with a fixed
 * visiting order: deterministic and dependency-free. Digits read as `x` (one labeled set masks
 * every digit of its spam; masking everywhere keeps digits from giving the answer away).
 */
export const HASH_BITS = 20;
const SIZE = 1 << HASH_BITS;
const MASK = SIZE - 1;
/** Longer texts add little and cost time: the first characters decide. */
const MAX_CHARS = 400;
const MAX_WORD_CHARS = 800;
/** At most 3 n-grams a character, a word and a word pair per word, and a few more. */
const MAX_FEATURES = 3 * MAX_CHARS + MAX_WORD_CHARS + 64;
const TABLE_BITS = 12;
const TABLE = 1 << TABLE_BITS;

/** The text in the forms the model reads; the filter has these already. */
export interface ModelInput {
  normalized: string;
  compact: string;
  findings: readonly Finding[];
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Shape features, hashed once: `${name}${k}` for k in 0..n. */
const shapes = (name: string, n: number) => Array.from({ length: n + 1 }, (_, k) => hashString(`${name}${k}`));
const LENGTH = shapes('len', 12);
const DIGIT_RUNS = shapes('digitruns', 4);
const CJK_SHARE = shapes('cjk', 4);
const URL = hashString('url');
const RULE = new Map<string, number[]>();
function ruleFeatures(check: string): number[] {
  let h = RULE.get(check);
  if (!h) RULE.set(check, (h = [hashString(`rule:${check}`), ...shapes(`rule:${check}:`, 10)]));
  return h;
}

/** Digits read as "x". */
const fold = (c: number) => (c >= 48 && c <= 57 ? 120 : c);
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || (c >= 0x400 && c <= 0x4ff);

/**
 * Turns a message into feature indices. Runs on every group message, so it keeps its buffers and
 * allocates nothing per call.
 */
export class Featurizer {
  // A small open-addressing set (stamped, so nothing is cleared between messages) drops repeated
  // features; it stays in the CPU cache, where a table over all 2^20 features would not.
  private readonly slots = new Int32Array(TABLE);
  private readonly stamps = new Uint32Array(TABLE);
  private stamp = 0;
  readonly indices = new Int32Array(MAX_FEATURES);
  count = 0;

  private add(h: number): void {
    const i = h & MASK;
    let slot = Math.imul(i, 0x9e3779b1) >>> (32 - TABLE_BITS);
    while (this.stamps[slot] === this.stamp) {
      if (this.slots[slot] === i) return;
      slot = (slot + 1) & (TABLE - 1);
    }
    this.stamps[slot] = this.stamp;
    this.slots[slot] = i;
    this.indices[this.count++] = i;
  }

  /** Fills `indices[0..count)`; returns count. */
  extract({ normalized, compact, findings }: ModelInput): number {
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    this.count = 0;
    const len = Math.min(compact.length, MAX_CHARS);
    let cjk = 0;
    let digitRuns = 0;
    let run = 0;
    for (let i = 0; i < len; i++) {
      const c = compact.charCodeAt(i);
      if (c >= 0x4e00 && c <= 0x9fff) cjk++;
      run = c >= 48 && c <= 57 ? run + 1 : 0;
      if (run === 3) digitRuns++;
      let h = 2166136261;
      for (let k = 0; k < 3 && i + k < len; k++) {
        h = Math.imul(h ^ fold(compact.charCodeAt(i + k)), 16777619);
        this.add(Math.imul(h ^ k, 0x9e3779b1) >>> 0);
      }
    }
    let prev = 0;
    let word = 0;
    let inWord = false;
    const wordLen = Math.min(normalized.length, MAX_WORD_CHARS);
    for (let i = 0; i <= wordLen; i++) {
      const c = i < wordLen ? normalized.charCodeAt(i) : 32;
      if (isWordChar(c)) {
        if (!inWord) word = 0x01000193;
        word = Math.imul(word ^ fold(c), 16777619);
        inWord = true;
      } else if (inWord) {
        this.add(Math.imul(word, 0x85ebca6b) >>> 0);
        if (prev) this.add(Math.imul(prev ^ Math.imul(word, 31), 0xc2b2ae35) >>> 0);
        prev = word;
        inWord = false;
      }
    }
    this.add(LENGTH[Math.min(12, Math.round(Math.log2(1 + compact.length)))]!);
    this.add(DIGIT_RUNS[Math.min(digitRuns, 4)]!);
    this.add(CJK_SHARE[Math.round((4 * cjk) / Math.max(1, len))]!);
    if (normalized.includes('http') || normalized.includes('www.')) this.add(URL);
    for (const f of findings) {
      if (!TEXT_ONLY.has(f.check)) continue;
      const h = ruleFeatures(f.check);
      this.add(h[0]!);
      this.add(h[1 + Math.round(f.score * 10)]!);
    }
    return this.count;
  }
}

/** A group's corrections on top of the shared weights: only the features its examples touched. */
export interface Adaptation {
  bias: number;
  weights: Map<number, number>;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
}

export interface ModelFile {
  kind: 'steward-spam-lr';
  version: 2;
  hashBits: number;
  bias: number;
  /** Sparse weights: base64 of little-endian Int32 indices and Float32 values. */
  indices: string;
  values: string;
  /** Where the training texts came from, with their terms (model card). */
  sources: string[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export class SpamModel {
  private readonly featurizer = new Featurizer();

  private constructor(
    private readonly weights: Float32Array,
    private readonly bias: number,
  ) {}

  /** P(spam | message), with the group's adaptation when it has one. */
  probability(input: ModelInput, adaptation?: Adaptation): number {
    const f = this.featurizer;
    const n = f.extract(input);
    let z = this.bias;
    const w = this.weights;
    for (let k = 0; k < n; k++) z += w[f.indices[k]!]!;
    if (adaptation) {
      z += adaptation.bias;
      for (let k = 0; k < n; k++) z += adaptation.weights.get(f.indices[k]!) ?? 0;
    }
    return sigmoid(z);
  }

  private featuresOf(input: ModelInput): Int32Array {
    const n = this.featurizer.extract(input);
    return this.featurizer.indices.slice(0, n);
  }

  /**
   * Fits a group's adaptation to its own examples (owner corrections), leaving the shared weights
   * alone: each example is pushed until the adapted model agrees with the owner.
   */
  adapt(examples: readonly { input: ModelInput; spam: boolean }[], o: TrainOptions = {}): Adaptation {
    const a: Adaptation = { bias: 0, weights: new Map() };
    const data = examples.map((e) => ({ f: this.featuresOf(e.input), y: e.spam ? 1 : 0 }));
    const epochs = o.epochs ?? 20;
    const lr = o.learningRate ?? 1;
    for (let e = 0; e < epochs; e++) {
      for (const r of data) {
        let z = this.bias + a.bias;
        for (const i of r.f) z += this.weights[i]! + (a.weights.get(i) ?? 0);
        const g = (sigmoid(z) - r.y) / Math.sqrt(r.f.length);
        for (const i of r.f) a.weights.set(i, (a.weights.get(i) ?? 0) - lr * g);
      }
    }
    return a;
  }

  /** Trains on labeled rows; the visiting order is fixed, so the same rows give the same model. */
  static train(rows: readonly { input: ModelInput; spam: boolean }[], o: TrainOptions = {}): SpamModel {
    const featurizer = new Featurizer();
    const data = rows.map((r) => ({ f: featurizer.indices.slice(0, featurizer.extract(r.input)), y: r.spam ? 1 : 0 }));
    const w = new Float32Array(SIZE);
    let b = 0;
    const epochs = o.epochs ?? 15;
    for (let e = 0; e < epochs; e++) {
      const lr = (o.learningRate ?? 0.5) / Math.sqrt(1 + e);
      for (let k = 0; k < data.length; k++) {
        const r = data[(k * 7919 + e * 104729) % data.length]!;
        let z = b;
        for (const i of r.f) z += w[i]!;
        const g = (sigmoid(z) - r.y) / Math.sqrt(r.f.length);
        for (const i of r.f) w[i] = w[i]! - lr * g;
        b -= 0.05 * g;
      }
    }
    return new SpamModel(w, b);
  }

  toFile(sources: string[]): ModelFile {
    const idx: number[] = [];
    for (let i = 0; i < SIZE; i++) if (this.weights[i] !== 0) idx.push(i);
    const indices = new Int32Array(idx);
    const values = new Float32Array(idx.map((i) => this.weights[i]!));
    return {
      kind: 'steward-spam-lr',
      version: 2,
      hashBits: HASH_BITS,
      bias: this.bias,
      indices: Buffer.from(indices.buffer).toString('base64'),
      values: Buffer.from(values.buffer).toString('base64'),
      sources,
    };
  }

  static fromFile(file: ModelFile): SpamModel {
    if (file.kind !== 'steward-spam-lr' || file.version !== 2 || file.hashBits !== HASH_BITS) throw new Error('not a Steward spam model of this version (run npm run train)');
    const ib = Buffer.from(file.indices, 'base64');
    const vb = Buffer.from(file.values, 'base64');
    const indices = new Int32Array(ib.buffer.slice(ib.byteOffset, ib.byteOffset + ib.byteLength));
    const values = new Float32Array(vb.buffer.slice(vb.byteOffset, vb.byteOffset + vb.byteLength));
    const w = new Float32Array(SIZE);
    indices.forEach((i, k) => {
      w[i] = values[k]!;
    });
    return new SpamModel(w, file.bias);
  }
}
