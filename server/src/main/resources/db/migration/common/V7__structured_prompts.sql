-- Structured prompts. Additive only: a node of the previous release inserts prompts and versions
-- without these columns, and gets what it always wrote (a text prompt, its content stored as it is).

-- A prompt is 'text' or 'chat', fixed when it is created.
ALTER TABLE prompt ADD COLUMN prompt_type VARCHAR(8) DEFAULT 'text' NOT NULL;
ALTER TABLE prompt ADD CONSTRAINT prompt_type_known CHECK (prompt_type IN ('text', 'chat'));

-- How a version's body is stored in content_blob: NULL for a text's content as it is; 'text' or
-- 'chat' for a JSON document {"type", "content" | "messages", "config"} (docs/storage.md).
ALTER TABLE prompt_version ADD COLUMN body_format VARCHAR(8);
ALTER TABLE prompt_version ADD CONSTRAINT prompt_version_body_format
    CHECK (body_format IS NULL OR body_format IN ('text', 'chat'));

-- Tags belong to the prompt, not to a version: changing them makes no version (audited as prompt.tags).
CREATE TABLE prompt_tag (
    prompt_id UUID        NOT NULL REFERENCES prompt (id),
    tag       VARCHAR(50) NOT NULL,
    PRIMARY KEY (prompt_id, tag)
);
CREATE INDEX prompt_tag_by_tag ON prompt_tag (tag, prompt_id);

-- A label move may say why; the reason is kept with the move.
ALTER TABLE label_event ADD COLUMN message TEXT;

-- What GET /prompts?q= searches: the current version's name, description and content or messages,
-- lower-cased, at most 65,536 characters (docs/api.md). Written with each head move; V7_1 fills it for
-- existing prompts. PostgreSQL indexes it for substring search (V7_2, trigrams).
ALTER TABLE prompt ADD COLUMN search_text TEXT;

-- The default order of GET /prompts is the most recently changed first.
CREATE INDEX prompt_live_by_updated ON prompt (deleted_at, updated_at, id);
