-- Titles the owner gives members (组织感: 讲师, 助教, 班长, 嘉宾): shown in /admins and welcomes,
-- and a way to call everyone who holds one.
CREATE TABLE member_titles (
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  name        TEXT NOT NULL,
  title       TEXT NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (platform, group_id, user_id),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX member_titles_at ON member_titles (platform, group_id, at);
