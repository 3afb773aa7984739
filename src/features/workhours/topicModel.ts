import { type GroupRef, groupKey } from '../../storage/groups.js';
import type { TopicExample } from './topicExamples.sql.js';
import { Featurizer } from '../../text/featurizer.js';
import { compactText, normalizeText } from '../../text/normalize.js';
import { type CacheStats, EMPTY_CACHE, LruMap, stringBytes } from '../../storage/lru.js';

/** Default budget for the groups' topic models kept in memory. */
export const TOPIC_MODEL_CACHE_BYTES = 16 * 1024 * 1024;

/** Stored examples carry this; change it with the featurizer, and older rows are set aside. */
export const FEATURIZER_VERSION = 1;
/** A group's model speaks only once it has seen this many examples of each side. */
const MIN_EACH_SIDE = 10;
/** Examples after which the model judges small talk without the word list. */
const MATURE = 500;
/** An owner's correction counts as much as this many examples from history. */
const OWNER_WEIGHT = 3;

const featurizer = new Featurizer();

/** The hashed features of a text, as stored and learned from. */
export function topicFeatures(text: string): Int32Array {
  const normalized = normalizeText(text);
  return featurizer.indices.slice(0, featurizer.extract(normalized, compactText(normalized)));
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * A young model keeps its weights in a Map (a few KB). A Map of every feature seen grew to ~100k
 * weights (~4 MB) for a group with 5,000 examples, so past TABLE_FROM weights they are folded into
 * a fixed table of 2^18 (1 MB). Smaller tables lost accuracy on the topic holdout (cv5, on-topic
 * blocked / off-topic caught: Map 3.37% / 82.96%; 2^18 3.37 / 82.91; 2^17 3.53 / 82.65;
 * 2^16 3.74 / 82.04; 2^14 5.42 / 81.14).
 */
const TABLE_BITS = 18;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** A Map weight costs ~40 bytes on the heap: past this many, the table is the smaller. */
const TABLE_FROM = Math.floor((4 << TABLE_BITS) / 40);

/**
 * What one group talks about: logistic regression for P(off topic | text) over sparse weights,
 * fitted on the group's examples and then kept up to date one example at a time.
 */
export class TopicModel {
  private weights: Map<number, number> | undefined = new Map();
  private table: Float32Array | undefined;
  private bias = 0;
  private readonly seen = { on: 0, off: 0 };

  /** How many examples of each side it has learned from. */
  get learned(): Readonly<{ on: number; off: number }> {
    return this.seen;
  }

  /** Enough of both sides to say anything. */
  get ready(): boolean {
    return this.seen.on >= MIN_EACH_SIDE && this.seen.off >= MIN_EACH_SIDE;
  }

  /** Enough history to judge small talk better than a word list. */
  get mature(): boolean {
    return this.ready && this.seen.on + this.seen.off >= MATURE;
  }

  offTopicProbability(text: string): number {
    const normalized = normalizeText(text);
    const n = featurizer.extract(normalized, compactText(normalized));
    let z = this.bias;
    for (let k = 0; k < n; k++) z += this.weight(featurizer.indices[k]!);
    return sigmoid(z);
  }

  private weight(f: number): number {
    return this.table ? this.table[f & TABLE_MASK]! : (this.weights!.get(f) ?? 0);
  }

  private add(f: number, delta: number): void {
    if (this.table) {
      this.table[f & TABLE_MASK]! += delta;
      return;
    }
    this.weights!.set(f, (this.weights!.get(f) ?? 0) + delta);
    if (this.weights!.size > TABLE_FROM) {
      this.table = new Float32Array(1 << TABLE_BITS);
      for (const [g, w] of this.weights!) this.table[g & TABLE_MASK]! += w;
      this.weights = undefined;
    }
  }

  private step(f: ArrayLike<number>, off: boolean, rate: number): void {
    let z = this.bias;
    for (let k = 0; k < f.length; k++) z += this.weight(f[k]!);
    const g = (rate * (sigmoid(z) - (off ? 1 : 0))) / Math.sqrt(f.length || 1);
    for (let k = 0; k < f.length; k++) this.add(f[k]!, -g);
    this.bias -= 0.1 * g;
  }

  /** Roughly what the model holds: a Map entry and its number per weight, or the table. */
  get bytes(): number {
    return 200 + (this.table ? this.table.byteLength : 40 * this.weights!.size);
  }

  /** One new example, learned at once (an owner's correction, or history). */
  learn(e: Pick<TopicExample, 'label' | 'source' | 'features'>): void {
    this.seen[e.label]++;
    this.step(e.features, e.label === 'off', e.source === 'owner' ? 0.5 * OWNER_WEIGHT : 0.5);
  }

  /** Fits the examples in a fixed visiting order: the same examples give the same model. */
  static fit(examples: readonly Pick<TopicExample, 'label' | 'source' | 'features'>[], epochs = 5): TopicModel {
    const m = new TopicModel();
    for (const e of examples) m.seen[e.label]++;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const rate = 0.5 / Math.sqrt(1 + epoch);
      for (let k = 0; k < examples.length; k++) {
        const e = examples[(k * 7919 + epoch * 104729) % examples.length]!;
        m.step(e.features, e.label === 'off', e.source === 'owner' ? rate * OWNER_WEIGHT : rate);
      }
    }
    return m;
  }
}

interface ExampleStore {
  add(g: GroupRef, e: TopicExample, featurizer: number, at: number): void;
  list(g: GroupRef, featurizer: number): TopicExample[];
}

/**
 * Every group's model, fitted from its stored examples on first use after start, then updated
 * as examples arrive. Learning goes through here, so the store and the model never disagree.
 * Each App's work-hours feature has its own; models are also kept per store (one per database).
 */
export class GroupTopicModels {
  /**
   * The groups active lately, within a byte budget: a model with a long history holds its 1 MB
   * table, a young one a few kilobytes. An evicted model is fitted again from its stored examples.
   */
  private readonly byStore = new WeakMap<ExampleStore, LruMap<string, TopicModel>>();

  constructor(private readonly cacheBytes = TOPIC_MODEL_CACHE_BYTES) {}

  model(g: GroupRef, store: ExampleStore): TopicModel {
    let models = this.byStore.get(store);
    if (!models) this.byStore.set(store, (models = new LruMap<string, TopicModel>(this.cacheBytes, (key, m) => stringBytes(key) + m.bytes)));
    const key = groupKey(g);
    let m = models.get(key);
    if (!m) {
      m = TopicModel.fit(store.list(g, FEATURIZER_VERSION));
      models.set(key, m);
    }
    return m;
  }

  cacheStats(store: ExampleStore): CacheStats {
    return this.byStore.get(store)?.stats() ?? EMPTY_CACHE;
  }

  learn(g: GroupRef, store: ExampleStore, label: TopicExample['label'], source: TopicExample['source'], text: string, at: number): void {
    const e = { label, source, features: topicFeatures(text) };
    if (!e.features.length) return;
    const model = this.model(g, store); // fitted before the new example is stored: it learns it once
    store.add(g, e, FEATURIZER_VERSION, at);
    model.learn(e);
    this.byStore.get(store)!.touch(groupKey(g)); // weighed again: it may have grown
  }
}
