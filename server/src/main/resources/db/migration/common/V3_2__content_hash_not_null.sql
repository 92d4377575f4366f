-- Every version's content is in content_blob now (V3_1). The old text column stays, empty, until a
-- later release drops it (expand now, contract later).
ALTER TABLE prompt_version ALTER COLUMN content_hash SET NOT NULL;
