-- Groups one owner links into a family share one ban list: a removal every group would make (an ad,
-- an admin's /ban) in one applies in the others that share bans, and whoever is on the list is
-- removed on joining any of them. A family lives on one platform (user ids mean nothing across).
CREATE TABLE families (
  id          INTEGER PRIMARY KEY,
  platform    TEXT NOT NULL,
  owner_id    TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE TABLE family_groups (
  platform    TEXT NOT NULL,
  group_id    TEXT NOT NULL,
  family_id   INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
  shares_bans INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (platform, group_id),
  FOREIGN KEY (platform, group_id) REFERENCES groups (platform, group_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX family_groups_family ON family_groups (family_id);

CREATE TABLE family_bans (
  family_id   INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  -- The group the ban came from, for every group's /log.
  from_group  TEXT NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (family_id, user_id)
) WITHOUT ROWID;

-- A published ban list an operator imported (`steward bans import`, e.g. the CAS export): applied at
-- joins in every group that keeps bans.imported on. Nothing is looked up over the network.
CREATE TABLE imported_bans (
  platform    TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  source      TEXT NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (platform, user_id)
) WITHOUT ROWID;
