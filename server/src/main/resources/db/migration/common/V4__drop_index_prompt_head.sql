-- Nothing searches prompts by head_version_id any more: the content store asks whether a content is
-- still some live prompt's current one from the versions that hold it (by content_hash) and each
-- one's prompt (by primary key). Without this index a write that moves a prompt's head changes no
-- indexed column, so PostgreSQL can update the row in place (HOT) instead of adding an entry to every
-- index of the table at every write. A node of the previous release still works on this schema.
DROP INDEX prompt_head_version;
