import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../paths.js';
import { type GroupRef, groupKey } from '../../storage/groups.js';
import { type TextScorer, modelInput } from './checks.js';
import { type Adaptation, type ModelFile, SpamModel } from './classifier.js';
import { type CacheStats, EMPTY_CACHE, LruMap, stringBytes } from '../../storage/lru.js';

/** Default size of the per-group adaptations kept: tens of thousands of groups, or hundreds that taught the filter much. */
export const ADAPTATION_CACHE_BYTES = 4 * 1024 * 1024;

const SHIPPED_MODEL = join(packageRoot, 'models', 'spam-lr.json');

/** A model file that cannot be used, said in words an operator can act on. */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/** Why a file could not be read, in a line. */
export const cannotRead = (path: string, err: unknown) => `${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `cannot be read (${(err as Error).message})`}`;

export function loadModel(path = SHIPPED_MODEL): SpamModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ModelFileError(cannotRead(path, err));
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new ModelFileError(`${path}: not valid JSON`);
  }
  try {
    return SpamModel.fromFile(file as ModelFile);
  } catch (err) {
    throw new ModelFileError(`${path}: ${(err as Error).message}`);
  }
}

interface ExampleSource {
  examples(g: GroupRef): { label: 'spam' | 'ham'; text: string }[];
  examplesVersion(g: GroupRef): number;
}

/**
 * The shared model, adapted per group by that group's own examples (owner reviews, /spam,
 * /notspam, accepted appeals) and never by another group's. An adaptation is fitted on first use
 * and again after each new example; groups without examples use the shared weights as they are.
 */
export class GroupModels {
  private shared?: SpamModel;
  /**
   * Per store (one per database), so two bots in one process never share an adaptation; the groups
   * active lately, bounded in bytes (a group that taught the filter 2,000 examples holds a few
   * thousand weights, one that taught it nothing a few bytes).
   */
  private readonly adapted = new WeakMap<ExampleSource, LruMap<string, { version: number; adaptation?: Adaptation }>>();

  constructor(
    private readonly load: () => SpamModel = () => loadModel(),
    private readonly cacheBytes = ADAPTATION_CACHE_BYTES,
  ) {}

  cacheStats(examples: ExampleSource): CacheStats {
    return this.adapted.get(examples)?.stats() ?? EMPTY_CACHE;
  }

  /** Reads the shared model now (30–40 ms) rather than in the first message's decision. */
  prepare(): void {
    this.model();
  }

  private model(): SpamModel {
    return (this.shared ??= this.load());
  }

  scorer(g: GroupRef, examples: ExampleSource): TextScorer {
    const model = this.model();
    const adaptation = this.adaptationOf(g, examples);
    return (input) => model.probability(input, adaptation);
  }

  private adaptationOf(g: GroupRef, examples: ExampleSource): Adaptation | undefined {
    let cache = this.adapted.get(examples);
    if (!cache) this.adapted.set(examples, (cache = new LruMap(this.cacheBytes, (key, a) => 96 + stringBytes(key) + (a.adaptation ? 64 + 48 * a.adaptation.weights.size : 0))));
    const key = groupKey(g);
    const version = examples.examplesVersion(g);
    const known = cache.get(key);
    if (known && known.version === version) return known.adaptation;
    const rows = examples.examples(g);
    const adaptation = rows.length ? this.model().adapt(rows.map((r) => ({ input: modelInput(r.text), spam: r.label === 'spam' }))) : undefined;
    cache.set(key, { version, adaptation });
    return adaptation;
  }
}
