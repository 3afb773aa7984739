-- Announcements to a family of groups (群发): the text, who asked, and how it stands; and each
-- group's place in the paced schedule (the daily cap counts these per account and day).
CREATE TABLE broadcasts (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,            -- where it was asked for (the report is about it)
  family_id   INTEGER NOT NULL,
  by_user     TEXT NOT NULL,
  text        TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'draft',  -- draft | sending | cancelled | done
  created_at  INTEGER NOT NULL,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);

CREATE TABLE broadcast_targets (
  broadcast_id INTEGER NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
  platform     TEXT NOT NULL,
  group_id     TEXT NOT NULL,
  due_at       INTEGER NOT NULL,
  PRIMARY KEY (broadcast_id, group_id)
) WITHOUT ROWID;
CREATE INDEX broadcast_targets_due ON broadcast_targets (platform, due_at);
