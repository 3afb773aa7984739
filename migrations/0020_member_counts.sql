-- How many members the platform said a group has, and when (Telegram getChatMemberCount, WeChat's
-- room list): the bot sees only those who joined or spoke since it came, so a group's size for
-- overflow (分流) starts from the platform's figure and follows the joins and leaves seen since.
ALTER TABLE groups ADD COLUMN member_count INTEGER;
ALTER TABLE groups ADD COLUMN member_count_at INTEGER;
