-- A verdict of the ad filter held while a language model is asked for a second opinion. The row
-- is written with the decision that asked, so a crash mid-question loses nothing: pending rows are
-- asked again at the next start. `stage` is the local verdict: remove, review (ask the owner) or
-- doubt (below the review level; only "catch" asks about those).
CREATE TABLE ad_questions (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  text        TEXT NOT NULL,
  stage       TEXT NOT NULL CHECK (stage IN ('remove', 'review', 'doubt')),
  score       REAL NOT NULL,
  -- What the owner is shown (found) and what the member would be told.
  found       TEXT NOT NULL,
  told        TEXT NOT NULL,
  -- JSON {before, rules, topic}: the few messages before it and the group's rules and topic.
  context     TEXT NOT NULL,
  at          INTEGER NOT NULL,
  state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'answered')),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE INDEX ad_questions_pending ON ad_questions (id) WHERE state = 'pending';
