-- Steward's first schema. Every row is scoped by (platform, group_id).
-- Times are INTEGER milliseconds since the Unix epoch (UTC); local time is computed in code.

CREATE TABLE groups (
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  title       TEXT,
  first_seen  INTEGER NOT NULL,
  PRIMARY KEY (platform, group_id)
) WITHOUT ROWID;

CREATE TABLE members (
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  name        TEXT NOT NULL,
  -- Role set by command (WeChat admins, the simulator's :role); NULL = what the platform says.
  role        TEXT CHECK (role IN ('owner', 'admin', 'member')),
  first_seen  INTEGER NOT NULL,
  joined_at   INTEGER,
  left_at     INTEGER,
  inviter_id  TEXT,
  PRIMARY KEY (platform, group_id, user_id),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE settings (
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  key         TEXT NOT NULL,
  value       TEXT NOT NULL, -- JSON
  updated_at  INTEGER NOT NULL,
  updated_by  TEXT,
  PRIMARY KEY (platform, group_id, key),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Per member, per UTC hour, per message kind: what statistics read. The key starts with the hour
-- so time-range statistics read a key prefix.
CREATE TABLE activity (
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  hour        INTEGER NOT NULL, -- start of the UTC hour, in seconds since the epoch
  kind        TEXT NOT NULL,
  count       INTEGER NOT NULL,
  PRIMARY KEY (platform, group_id, hour, user_id, kind),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;
-- Per member questions (last seen, retention, invitees who became active). Ledger writes are
-- coalesced per tick, so keeping this index costs little.
CREATE INDEX activity_by_member ON activity (platform, group_id, user_id, hour);

-- Persisted jobs: deadlines, previews, announcements. A job runs at most once.
CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,    -- unique per group and kind, so scheduling twice is harmless
  due_at      INTEGER NOT NULL,
  payload     TEXT NOT NULL,    -- JSON
  state       TEXT NOT NULL DEFAULT 'pending'
              CHECK (state IN ('pending', 'running', 'done', 'failed', 'interrupted', 'cancelled')),
  created_at  INTEGER NOT NULL,
  finished_at INTEGER,
  error       TEXT,
  UNIQUE (platform, group_id, kind, key),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE INDEX jobs_due ON jobs (state, due_at);

-- What the bot did to members and why: /log and the dashboard read it.
CREATE TABLE action_log (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  at          INTEGER NOT NULL,
  action      TEXT NOT NULL,
  user_id     TEXT,
  reason      TEXT,
  outcome     TEXT NOT NULL, -- 'done', 'fallback: …', 'failed: …'
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE INDEX action_log_recent ON action_log (platform, group_id, at);
