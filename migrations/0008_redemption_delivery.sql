-- Rewards members redeemed: the owner marks each one delivered (/redemptions done <n>), and the
-- member is told. Until then it is pending.
ALTER TABLE redemptions ADD COLUMN delivered_at INTEGER;
ALTER TABLE redemptions ADD COLUMN delivered_by TEXT;
CREATE INDEX redemptions_pending ON redemptions (platform, group_id, id) WHERE delivered_at IS NULL;
