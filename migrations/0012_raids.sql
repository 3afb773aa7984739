-- A raid (a burst of joins) or an owner's /lockdown: while one is open (ended_at NULL) newcomers
-- are held back until verified, the ad filter is strict and welcomes are batched. `saved` is the
-- JSON of the settings the raid changed, as they were, so that its end can put them back.
CREATE TABLE raids (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  group_id     TEXT NOT NULL,
  started_at   INTEGER NOT NULL,
  by           TEXT NOT NULL CHECK (by IN ('joins', 'owner')),
  joins        INTEGER NOT NULL DEFAULT 0,
  last_join_at INTEGER NOT NULL,
  saved        TEXT NOT NULL,
  ended_at     INTEGER,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX raids_open ON raids (platform, group_id) WHERE ended_at IS NULL;
