-- Valuable talk an admin marked (精华): kept with its words for the weekly digest and /digests.
CREATE TABLE digests (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  text        TEXT NOT NULL,
  by          TEXT NOT NULL,
  at          INTEGER NOT NULL,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX digests_message ON digests (platform, group_id, message_id);
CREATE INDEX digests_at ON digests (platform, group_id, at);
