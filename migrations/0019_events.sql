-- Events and their sign-ups (活动接龙): a capacity, a waitlist that moves up when someone leaves, and
-- attendance checked by the code said at the event.
CREATE TABLE events (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  title       TEXT NOT NULL,
  place       TEXT NOT NULL DEFAULT '',
  starts_at   INTEGER NOT NULL,
  capacity    INTEGER,
  code        TEXT,
  cancelled   INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE INDEX events_upcoming ON events (platform, group_id, starts_at);

CREATE TABLE event_signups (
  event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  at          INTEGER NOT NULL,
  -- in: has a place; waiting: on the waitlist, in the order they came; left: signed off
  state       TEXT NOT NULL CHECK (state IN ('in', 'waiting', 'left')),
  attended    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (event_id, user_id)
) WITHOUT ROWID;
