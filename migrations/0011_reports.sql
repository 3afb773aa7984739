-- Members' reports of a message (/report as a reply). Admins decide one with a tap; enough distinct
-- reporters hide the message until they do. The text is kept so that a dismissed report whose
-- message was hidden can be put back.
CREATE TABLE reports (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  text        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'hidden', 'deleted', 'struck', 'banned', 'dismissed')),
  decided_by  TEXT,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX reports_message ON reports (platform, group_id, message_id);

-- Who reported what, when: one vote a member a report; the times limit how often one member reports.
CREATE TABLE report_votes (
  report_id   INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  reporter_id TEXT NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (report_id, reporter_id)
) WITHOUT ROWID;
CREATE INDEX report_votes_by_reporter ON report_votes (platform, group_id, reporter_id, at);
