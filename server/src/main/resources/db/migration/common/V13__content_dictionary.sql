-- Dictionaries that contents are compressed with (docs/storage.md): zstd dictionaries trained on the
-- stored contents themselves, so that similar contents of different prompts share their bytes. A
-- dictionary never changes and stays as long as a blob names it; content_blob.dictionary names the
-- one a blob's data needs, or none (DEFLATE, as every blob of earlier releases).
CREATE TABLE content_dictionary (
    id         INTEGER                  NOT NULL PRIMARY KEY CHECK (id > 0),
    data       BYTEA                    NOT NULL,
    samples    INTEGER                  NOT NULL CHECK (samples > 0),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE content_blob ADD COLUMN dictionary INTEGER REFERENCES content_dictionary (id);
