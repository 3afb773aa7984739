import type { Db } from '../../storage/db.js';
import type { GroupRef } from '../../storage/groups.js';

export interface TopicExample {
  label: 'on' | 'off';
  source: 'owner' | 'history';
  features: Int32Array;
}

/** History kept per group: enough to learn a group's topic, bounded so it never grows without end. */
const KEEP = { owner: 2000, history: 3000 } as const;

/** Labeled feature vectors of a group's messages: the off-topic judge learns from these. */
export class TopicExamplesRepo {
  private readonly addStmt;
  private readonly listStmt;
  private readonly pruneStmt;

  constructor(db: Db) {
    this.addStmt = db.prepare('INSERT INTO topic_examples (platform, group_id, label, source, features, featurizer, at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.listStmt = db.prepare('SELECT label, source, features FROM topic_examples WHERE platform = ? AND group_id = ? AND featurizer = ? ORDER BY id');
    this.pruneStmt = db.prepare(`DELETE FROM topic_examples WHERE platform = ? AND group_id = ? AND source = ? AND id <= (
      SELECT id FROM topic_examples WHERE platform = ? AND group_id = ? AND source = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`);
  }

  add(g: GroupRef, e: TopicExample, featurizer: number, at: number): void {
    const id = Number(this.addStmt.run(g.platform, g.groupId, e.label, e.source, Buffer.from(e.features.buffer, e.features.byteOffset, e.features.byteLength), featurizer, at).lastInsertRowid);
    // Pruning every hundredth insert keeps the table bounded at little cost.
    if (id % 100 === 0) this.pruneStmt.run(g.platform, g.groupId, e.source, g.platform, g.groupId, e.source, KEEP[e.source]);
  }

  /** Oldest first, made by the given featurizer version (older ones are ignored, not misread). */
  list(g: GroupRef, featurizer: number): TopicExample[] {
    return (this.listStmt.all(g.platform, g.groupId, featurizer) as { label: 'on' | 'off'; source: 'owner' | 'history'; features: Buffer }[]).map((r) => ({
      label: r.label,
      source: r.source,
      features: new Int32Array(r.features.buffer.slice(r.features.byteOffset, r.features.byteOffset + r.features.byteLength)),
    }));
  }
}
