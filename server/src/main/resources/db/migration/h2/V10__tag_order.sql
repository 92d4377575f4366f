-- A tag filter in the list's orders straight from an index: each tag row carries its prompt's sort keys,
-- kept by triggers (the H2 counterpart of the PostgreSQL migration of the same number, which says why).
ALTER TABLE prompt_tag ADD COLUMN live_name VARCHAR(200);
ALTER TABLE prompt_tag ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE prompt_tag ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;

CREATE TRIGGER prompt_tag_take_order
    BEFORE INSERT ON prompt_tag
    FOR EACH ROW CALL 'dev.promptledger.version.H2TagOrderTriggers$TagTakesOrder';

CREATE TRIGGER prompt_give_order
    AFTER UPDATE ON prompt
    FOR EACH ROW CALL 'dev.promptledger.version.H2TagOrderTriggers$PromptGivesOrder';

UPDATE prompt_tag t SET (live_name, created_at, updated_at) =
    (SELECT p.live_name, p.created_at, p.updated_at FROM prompt p WHERE p.id = t.prompt_id);

CREATE INDEX prompt_tag_live_updated ON prompt_tag (tag, updated_at DESC, prompt_id DESC);
CREATE INDEX prompt_tag_live_created ON prompt_tag (tag, created_at DESC, prompt_id DESC);
CREATE INDEX prompt_tag_live_name ON prompt_tag (tag, live_name);
