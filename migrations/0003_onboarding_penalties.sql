-- Onboarding, graded penalties and the owner's one-tap decisions.

-- Members an owner trusts are never punished automatically.
ALTER TABLE members ADD COLUMN trusted INTEGER NOT NULL DEFAULT 0;

-- One strike ledger per member per group, shared by every rule that punishes.
CREATE TABLE strikes (
  id           INTEGER PRIMARY KEY,
  platform     TEXT NOT NULL,
  group_id     TEXT NOT NULL,
  user_id      TEXT NOT NULL,
  user_name    TEXT NOT NULL,
  rule         TEXT NOT NULL,     -- 'workhours', 'ads', 'manual', …
  reason       TEXT NOT NULL,
  at           INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  step         TEXT NOT NULL,     -- what the ladder did: remind, warn, mute:1h, kick
  by_user      TEXT,              -- the admin who warned; NULL when automatic
  message_id   TEXT,
  message_text TEXT,              -- kept only for deleted messages, to repost if an appeal wins
  revoked_at   INTEGER,
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
);
CREATE INDEX strikes_by_member ON strikes (platform, group_id, user_id, expires_at);

CREATE TABLE appeals (
  id           INTEGER PRIMARY KEY,
  strike_id    INTEGER NOT NULL REFERENCES strikes (id) ON DELETE CASCADE,
  at           INTEGER NOT NULL,
  state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'rejected')),
  decided_by   TEXT,
  decided_at   INTEGER
);

-- Newcomers on their way in: verification, welcome, self-introduction.
CREATE TABLE newcomers (
  platform       TEXT NOT NULL,
  group_id       TEXT NOT NULL,
  user_id        TEXT NOT NULL,
  name           TEXT NOT NULL,
  inviter_name   TEXT,
  joined_at      INTEGER NOT NULL,
  stage          TEXT NOT NULL CHECK (stage IN ('verify', 'welcome', 'intro', 'done')),
  attempts       INTEGER NOT NULL DEFAULT 0,
  held_notice    INTEGER NOT NULL DEFAULT 0, -- told once how to verify after speaking unverified
  intro_reminded INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (platform, group_id, user_id),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;

-- Buttons offered where the platform has none: typing the keyword in that chat presses them.
CREATE TABLE button_keywords (
  platform     TEXT NOT NULL,
  chat_id      TEXT NOT NULL,
  keyword      TEXT NOT NULL,
  data         TEXT NOT NULL,
  expires_at   INTEGER NOT NULL,
  PRIMARY KEY (platform, chat_id, keyword, data)
) WITHOUT ROWID;
