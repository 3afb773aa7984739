-- What the bot promised to do on a platform, written in the same transaction as the decision that
-- produced it, and deleted once done: a crash or a restart loses nothing that was decided.

-- One row per platform call still to make. Rows leave in id order per lane: a chat's messages, or
-- its moderation calls (deletes and mutes never wait behind a paced backlog of replies).
CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  lane         TEXT NOT NULL,
  group_id     TEXT NOT NULL,
  action       TEXT NOT NULL,    -- JSON of the engine's Action
  created_at   INTEGER NOT NULL,
  -- A reply that became pointless is skipped after this (a check-in confirmation hours late).
  expires_at   INTEGER,
  not_before   INTEGER NOT NULL, -- retry back-off
  attempts     INTEGER NOT NULL DEFAULT 0,
  failing_since INTEGER,
  last_error   TEXT,
  job_id       INTEGER          -- the job whose run produced it: done once its rows are
);
CREATE INDEX outbox_lane ON outbox (platform, lane, id);
CREATE INDEX outbox_job ON outbox (job_id) WHERE job_id IS NOT NULL;

-- Platform event ids already handled, so an event delivered again (a restart, a new Telegram
-- update id for the same message) is handled once. Pruned by age.
CREATE TABLE handled_events (
  platform     TEXT NOT NULL,
  key          TEXT NOT NULL,
  at           INTEGER NOT NULL,
  PRIMARY KEY (platform, key)
) WITHOUT ROWID;
CREATE INDEX handled_events_at ON handled_events (at);

-- A job is done when what it sent was delivered: 'sending' until then. SQLite cannot change a
-- CHECK constraint in place, so the table is rebuilt with the same rows.
CREATE TABLE jobs_new (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,
  due_at      INTEGER NOT NULL,
  payload     TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending'
              CHECK (state IN ('pending', 'running', 'sending', 'done', 'failed', 'interrupted', 'cancelled')),
  created_at  INTEGER NOT NULL,
  finished_at INTEGER,
  error       TEXT,
  UNIQUE (platform, group_id, kind, key),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
INSERT INTO jobs_new (id, platform, group_id, kind, key, due_at, payload, state, created_at, finished_at, error)
  SELECT id, platform, group_id, kind, key, due_at, payload, state, created_at, finished_at, error FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
CREATE INDEX jobs_due ON jobs (state, due_at);
