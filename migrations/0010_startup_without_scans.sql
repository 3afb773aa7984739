-- Start-up reads only what is live. The newcomers still on their way in are found through this
-- partial index, not by scanning every newcomer the groups ever had.
CREATE INDEX newcomers_on_their_way ON newcomers (platform, group_id, user_id) WHERE stage <> 'done';
