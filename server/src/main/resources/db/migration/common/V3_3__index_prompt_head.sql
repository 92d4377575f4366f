-- The content store asks whether a content is still some live prompt's current one before it turns
-- that content into a delta; this index keeps the answer a probe, however many prompts share it.
CREATE INDEX prompt_head_version ON prompt (head_version_id);
