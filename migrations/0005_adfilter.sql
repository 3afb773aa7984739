-- The ad filter: doubtful messages waiting for the owner, and each group's own examples.

CREATE TABLE ad_reviews (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  text        TEXT NOT NULL,
  score       REAL NOT NULL,
  reasons     TEXT NOT NULL,
  at          INTEGER NOT NULL,
  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'spam', 'ham')),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);

-- Owners' corrections: they adapt the shared model for this group only.
CREATE TABLE ad_examples (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  label       TEXT NOT NULL CHECK (label IN ('spam', 'ham')),
  text        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE INDEX ad_examples_by_group ON ad_examples (platform, group_id, label);
