-- Answers the owners taught (答疑): several phrasings of a question, one answer; `exact` phrasings
-- must be the whole message, the others may be part of it. Notes are recalled by #name.
CREATE TABLE faqs (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  phrasings   TEXT NOT NULL,   -- JSON array of the phrasings as typed
  answer      TEXT NOT NULL,
  exact       INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE INDEX faqs_group ON faqs (platform, group_id);

CREATE TABLE notes (
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  name        TEXT NOT NULL,
  text        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (platform, group_id, name),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Questions members asked that no taught answer met (问题清单), until someone replies to them; the
-- owner gets the week's unanswered ones. Kept two weeks.
CREATE TABLE faq_questions (
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  text        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  answered    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (platform, group_id, message_id),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX faq_questions_at ON faq_questions (platform, group_id, at);
