-- Names that differ only by case ("Support/Refunds" and "support/refunds", "Alice" and "alice") are easy
-- to confuse, so live prompt names and usernames are unique without regard to case. name_key holds the
-- lower-cased name (of a live prompt) under a plain unique index, on both databases. Rows that already
-- collide are not refused: the oldest of each group keeps its key, the others get none (they are
-- reported at every start until renamed or deleted), so this migration never fails on existing data.
ALTER TABLE prompt ADD COLUMN name_key VARCHAR(200);
UPDATE prompt SET name_key = LOWER(live_name)
WHERE id IN (
    SELECT id FROM (
        SELECT id, ROW_NUMBER() OVER (PARTITION BY LOWER(live_name) ORDER BY created_at, id) AS rank
        FROM prompt WHERE live_name IS NOT NULL
    ) ranked
    WHERE rank = 1
);
CREATE UNIQUE INDEX prompt_name_key ON prompt (name_key);

ALTER TABLE app_user ADD COLUMN name_key VARCHAR(50);
UPDATE app_user SET name_key = LOWER(username)
WHERE username IN (
    SELECT username FROM (
        SELECT username, ROW_NUMBER() OVER (PARTITION BY LOWER(username) ORDER BY created_at, username) AS rank
        FROM app_user
    ) ranked
    WHERE rank = 1
);
CREATE UNIQUE INDEX app_user_name_key ON app_user (name_key);
