-- Substring search over prompts (GET /prompts?q=) with a trigram index, so that it stays fast with a
-- million prompts. pg_trgm is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX prompt_search ON prompt USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL;
