-- What each group talks about, learned: the owner's /ontopic and /offtopic corrections and the
-- group's own confident history. Only hashed text features are kept, never the message text.

CREATE TABLE topic_examples (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  label       TEXT NOT NULL CHECK (label IN ('on', 'off')),
  source      TEXT NOT NULL CHECK (source IN ('owner', 'history')),
  -- Little-endian Int32 feature indices; `featurizer` names the version that made them.
  features    BLOB NOT NULL,
  featurizer  INTEGER NOT NULL,
  at          INTEGER NOT NULL,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE INDEX topic_examples_by_group ON topic_examples (platform, group_id, source, id);
