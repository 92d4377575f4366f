-- A blob's data is compressed already (DEFLATE or zstd): PostgreSQL need not try to compress it again,
-- and it stays in the row up to nearly a page instead of going to TOAST above 2 KB, where each value
-- paid a chunk row, an index entry and a pointer (7 % of the content table on the shared histories,
-- docs/storage.md). Rows written before take this form when they are next rewritten (VACUUM FULL).
ALTER TABLE content_blob SET (toast_tuple_target = 8160);
ALTER TABLE content_blob ALTER COLUMN data SET STORAGE EXTERNAL;
