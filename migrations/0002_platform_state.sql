-- What platforms tell us and adapters must remember.

-- The role the platform reports (Telegram administrators, WeChat room owner), refreshed by the
-- adapter; `role` stays the one given by command. The higher of the two counts.
ALTER TABLE members ADD COLUMN platform_role TEXT CHECK (platform_role IN ('owner', 'admin'));

-- Small per-platform cursors, e.g. the last Telegram update handled, so a restart skips it.
CREATE TABLE platform_state (
  platform    TEXT NOT NULL,
  key         TEXT NOT NULL,
  value       TEXT NOT NULL,
  PRIMARY KEY (platform, key)
) WITHOUT ROWID;

-- Things the owner was told once and must not be told again (e.g. a missing bot right).
CREATE TABLE notices (
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  key         TEXT NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (platform, group_id, key),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;
