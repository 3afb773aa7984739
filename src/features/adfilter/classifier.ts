import { compactText, normalizeText } from './normalize.js';

/**
 * Logistic regression over hashed, binary character 1–4-grams of the normalized, compacted text,
 * trained by plain SGD: deterministic, dependency-free, about a second per ten thousand texts.
 * Digits are masked (one labeled set masks every digit of its spam; masking everywhere keeps
 * digits from giving the answer away).
 */
export const HASH_BITS = 20;
const SIZE = 1 << HASH_BITS;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) & (SIZE - 1);
}

export function features(text: string): number[] {
  const t = compactText(normalizeText(text)).replace(/[0-9]/g, 'x').slice(0, 400);
  const out = new Set<number>();
  for (let n = 1; n <= 4; n++) for (let i = 0; i + n <= t.length; i++) out.add(hash(n + t.slice(i, i + n)));
  out.add(hash(`len${Math.min(10, Math.floor(t.length / 10))}`));
  return [...out];
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
}

export interface ModelFile {
  kind: 'steward-spam-lr';
  version: 1;
  hashBits: number;
  bias: number;
  /** Sparse weights: base64 of little-endian Int32 indices and Float32 values. */
  indices: string;
  values: string;
  /** Where the training texts came from, with their terms (model card). */
  sources: string[];
}

export class SpamModel {
  private constructor(
    private readonly weights: Float32Array,
    private readonly bias: number,
  ) {}

  /** P(spam | text). */
  probability(text: string): number {
    let z = this.bias;
    for (const i of features(text)) z += this.weights[i]!;
    return 1 / (1 + Math.exp(-z));
  }

  /** Trains on labeled rows; the visiting order is fixed, so the same rows give the same model. */
  static train(rows: { text: string; label: string }[], o: TrainOptions = {}): SpamModel {
    const data = rows.map((r) => ({ f: features(r.text), y: r.label === 'spam' ? 1 : 0 }));
    const w = new Float32Array(SIZE);
    let b = 0;
    const epochs = o.epochs ?? 15;
    for (let e = 0; e < epochs; e++) {
      const lr = (o.learningRate ?? 0.5) / Math.sqrt(1 + e);
      for (let k = 0; k < data.length; k++) {
        const r = data[(k * 7919 + e * 104729) % data.length]!;
        let z = b;
        for (const i of r.f) z += w[i]!;
        const g = (1 / (1 + Math.exp(-z)) - r.y) / Math.sqrt(r.f.length);
        for (const i of r.f) w[i] = w[i]! - lr * g;
        b -= lr * g * 0.1;
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
      version: 1,
      hashBits: HASH_BITS,
      bias: this.bias,
      indices: Buffer.from(indices.buffer).toString('base64'),
      values: Buffer.from(values.buffer).toString('base64'),
      sources,
    };
  }

  static fromFile(file: ModelFile): SpamModel {
    if (file.kind !== 'steward-spam-lr' || file.hashBits !== HASH_BITS) throw new Error('not a Steward spam model of this version');
    const ib = Buffer.from(file.indices, 'base64');
    const vb = Buffer.from(file.values, 'base64');
    const indices = new Int32Array(ib.buffer, ib.byteOffset, ib.byteLength / 4);
    const values = new Float32Array(vb.buffer, vb.byteOffset, vb.byteLength / 4);
    const w = new Float32Array(SIZE);
    indices.forEach((i, k) => {
      w[i] = values[k]!;
    });
    return new SpamModel(w, file.bias);
  }
}
