-- The live prompts in the list's orders (newest change or creation first) straight from an index.
-- The indexes of V1 and V7 lead with deleted_at, and under "deleted_at IS NULL" PostgreSQL does not
-- take that column as fixed (only an equality would be), so they cannot give the order: the first list
-- page of a million prompts sorted all of them (0.47 s; a search, 2 s). Partial indexes on the live
-- rows give the first page in under a millisecond, and a search walks them until a page is full
-- (bench/scale, docs/performance.md). Built in the migration's transaction: about 5 s each on a million
-- prompts, during which writes wait.
CREATE INDEX prompt_live_updated ON prompt (updated_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX prompt_live_created ON prompt (created_at DESC, id DESC) WHERE deleted_at IS NULL;
DROP INDEX prompt_live_by_updated;
DROP INDEX prompt_live_by_created;
