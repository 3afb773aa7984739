-- Check-ins, points and rewards; scheduled topics and announcements.

-- One row per member per local day: the primary key is what makes a check-in count once.
CREATE TABLE checkins (
  platform   TEXT NOT NULL,
  group_id   TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  day        TEXT NOT NULL,     -- local day 'YYYY-MM-DD' in the group's zone and day start
  at         INTEGER NOT NULL,
  seq        INTEGER NOT NULL,  -- order of the day: 1 = first to check in
  note       TEXT,
  made_up    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (platform, group_id, user_id, day),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX checkins_by_day ON checkins (platform, group_id, day, seq);

-- Per member running figures, kept in step with checkins in the same transaction, so /me and
-- /rank read one row per member instead of a year of days.
CREATE TABLE engagement (
  platform   TEXT NOT NULL,
  group_id   TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  name       TEXT NOT NULL,
  total      INTEGER NOT NULL DEFAULT 0,
  streak     INTEGER NOT NULL DEFAULT 0,
  longest    INTEGER NOT NULL DEFAULT 0,
  last_day   TEXT,
  points     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (platform, group_id, user_id),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;
-- No index on points or streak: a board sorts one group's rows (milliseconds for 5,000
-- members), while every check-in would pay to keep such indexes current.

CREATE TABLE points_ledger (
  id         INTEGER PRIMARY KEY,
  platform   TEXT NOT NULL,
  group_id   TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  at         INTEGER NOT NULL,
  delta      INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  by_user    TEXT,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE INDEX points_by_member ON points_ledger (platform, group_id, user_id, at);

CREATE TABLE rewards (
  platform   TEXT NOT NULL,
  group_id   TEXT NOT NULL,
  name       TEXT NOT NULL,
  cost       INTEGER NOT NULL CHECK (cost > 0),
  stock      INTEGER CHECK (stock IS NULL OR stock >= 0), -- NULL: unlimited
  PRIMARY KEY (platform, group_id, name),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE redemptions (
  id         INTEGER PRIMARY KEY,
  platform   TEXT NOT NULL,
  group_id   TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  reward     TEXT NOT NULL,
  cost       INTEGER NOT NULL,
  at         INTEGER NOT NULL,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);

CREATE TABLE topics (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  host        TEXT NOT NULL DEFAULT '',
  starts_at   INTEGER NOT NULL,      -- the next (or only) occurrence
  recurrence  TEXT,                  -- 'tue,thu 20:00' for recurring topics
  state       TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'done', 'cancelled')),
  created_at  INTEGER NOT NULL,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE INDEX topics_upcoming ON topics (platform, group_id, state, starts_at);

CREATE TABLE announcements (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  text        TEXT NOT NULL,
  at          INTEGER NOT NULL,      -- the next (or only) time
  recurrence  TEXT,                  -- 'mon,fri 09:00' or 'daily 09:00'
  state       TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'done', 'cancelled')),
  created_at  INTEGER NOT NULL,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
