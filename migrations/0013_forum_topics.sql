-- Telegram forum topics: a scheduled topic or announcement set up inside a forum topic is posted
-- there (message_thread_id); NULL posts to the group as a whole.
ALTER TABLE topics ADD COLUMN thread_id TEXT;
ALTER TABLE announcements ADD COLUMN thread_id TEXT;
