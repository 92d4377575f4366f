-- Content-addressed storage: each distinct content once, keyed by the SHA-256 of its UTF-8 bytes.
-- A blob is a full snapshot (base IS NULL) or a delta against another blob (base), both compressed.
-- The current version of a prompt is always a full snapshot; older ones become deltas against newer
-- ones, with at most a fixed number of deltas between any blob and its snapshot (docs/storage.md).
CREATE TABLE content_blob (
    hash   BYTEA   NOT NULL PRIMARY KEY,
    base   BYTEA   REFERENCES content_blob (hash),
    chain  INTEGER NOT NULL CHECK (chain >= 0),
    length INTEGER NOT NULL CHECK (length >= 0),
    data   BYTEA   NOT NULL
);

ALTER TABLE prompt_version ADD COLUMN content_hash BYTEA REFERENCES content_blob (hash);
ALTER TABLE prompt_version ALTER COLUMN content DROP NOT NULL;
CREATE INDEX prompt_version_content_hash ON prompt_version (content_hash);
