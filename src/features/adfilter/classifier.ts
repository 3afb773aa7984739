// Logistic regression over the shared hashed text features plus the text checks' findings,
// trained by plain SGD with a fixed visiting order: deterministic and dependency-free.
import { Featurizer, HASH_BITS } from '../../text/featurizer.js';
import { type Finding, TEXT_ONLY } from './checks.js';

/** The text in the forms the model reads; the filter has these already. */
export interface ModelInput {
  /** As written: the model reads its marks (symbols, emoji, disguised letters). */
  text: string;
  normalized: string;
  compact: string;
  findings: readonly Finding[];
}

const SIZE = 1 << HASH_BITS;

/** The text checks' findings as feature names: which check, and how sure it was. */
function findingTags(findings: readonly Finding[]): string[] {
  const tags: string[] = [];
  for (const f of findings) if (TEXT_ONLY.has(f.check)) tags.push(`rule:${f.check}`, `rule:${f.check}:${Math.round(f.score * 10)}`);
  return tags;
}

const extract = (f: Featurizer, input: ModelInput) => f.extract(input.normalized, input.compact, input.findings.length ? findingTags(input.findings) : undefined, input.text);

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
  version: 3;
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
    const n = extract(f, input);
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
    const n = extract(this.featurizer, input);
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
    const data = rows.map((r) => ({ f: featurizer.indices.slice(0, extract(featurizer, r.input)), y: r.spam ? 1 : 0 }));
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
      version: 3,
      hashBits: HASH_BITS,
      bias: this.bias,
      indices: Buffer.from(indices.buffer).toString('base64'),
      values: Buffer.from(values.buffer).toString('base64'),
      sources,
    };
  }

  static fromFile(file: ModelFile): SpamModel {
    if (file?.kind !== 'steward-spam-lr' || file.version !== 3 || file.hashBits !== HASH_BITS) throw new Error('not a Steward spam model of this version (make one with steward train)');
    const ib = Buffer.from(typeof file.indices === 'string' ? file.indices : '', 'base64');
    const vb = Buffer.from(typeof file.values === 'string' ? file.values : '', 'base64');
    if (ib.byteLength !== vb.byteLength || ib.byteLength % 4 || !Number.isFinite(file.bias)) throw new Error('a Steward spam model, but damaged (make it again with steward train)');
    const indices = new Int32Array(ib.buffer.slice(ib.byteOffset, ib.byteOffset + ib.byteLength));
    const values = new Float32Array(vb.buffer.slice(vb.byteOffset, vb.byteOffset + vb.byteLength));
    const w = new Float32Array(SIZE);
    indices.forEach((i, k) => {
      w[i] = values[k]!;
    });
    return new SpamModel(w, file.bias);
  }
}
