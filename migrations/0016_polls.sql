-- Polls (投票): a question, its choices, whether voters are shown, and when it closes. One vote a
-- member, which they may change until it closes.
CREATE TABLE polls (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  question    TEXT NOT NULL,
  choices     TEXT NOT NULL,   -- JSON array
  anonymous   INTEGER NOT NULL DEFAULT 0,
  closes_at   INTEGER NOT NULL,
  closed      INTEGER NOT NULL DEFAULT 0,
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);

CREATE TABLE poll_votes (
  poll_id     INTEGER NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  choice      INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (poll_id, user_id)
) WITHOUT ROWID;
