-- The write transaction of PUT /prompts/{id}, by hand: lock the head, store the content, insert the
-- version, move the head, append the audit entry.
\set n random(1, :prompts)
BEGIN;
SELECT id, head_version_id, head_number FROM prompt WHERE live_name = 'bench/write-sql-' || :n FOR UPDATE;
WITH blob AS (
  INSERT INTO content_blob (hash, base, chain, length, data)
  VALUES (decode(md5(random()::text) || md5(random()::text), 'hex'), NULL, 0, 4000,
          convert_to(repeat('Answer clearly, cite sources, keep a friendly tone. ', 78) || random(), 'UTF8'))
  RETURNING hash
), head AS (
  SELECT id, head_version_id, head_number FROM prompt WHERE live_name = 'bench/write-sql-' || :n
), version AS (
  INSERT INTO prompt_version (id, prompt_id, number, name, content_sha256, created_at, author, change_type,
    parent_version_id, lines_added, lines_removed, chars_added, chars_removed, fields_changed, variables, content_hash)
  SELECT gen_random_uuid(), head.id, head.head_number + 1, 'bench/write-sql-' || :n, encode(blob.hash, 'hex'), now(),
    'admin', 'update', head.head_version_id, 1, 1, 4000, 4000, 'content', '', blob.hash
  FROM head, blob
  RETURNING id, prompt_id, number
), moved AS (
  UPDATE prompt p SET head_version_id = version.id, head_number = version.number, updated_at = now()
  FROM version WHERE p.id = version.prompt_id RETURNING p.id
)
INSERT INTO audit_entry (id, at, actor, action, prompt_id, version_id, details)
SELECT gen_random_uuid(), now(), 'admin', 'prompt.update', version.prompt_id, version.id, '{"number": 0}' FROM version;
COMMIT;
