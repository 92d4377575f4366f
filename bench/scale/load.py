"""Bulk-loads a promptledger database on PostgreSQL through its real schema (bench/scale).

The schema is made by the server itself (Flyway, on its first start against the empty database);
this module then fills it with plain SQL, as a migration from another registry would:

- CONTENTS distinct contents from the shared public prompt collection (cut to MAX_CHARS), stored
  as the content store stores snapshots (raw DEFLATE, SHA-256 addressed);
- `prompts` text prompts `scale/p0000001`... with `versions` versions each, every version pointing at
  one of the contents (so versions differ from their parents), authored by the bootstrap admin, with
  their change summaries, variables and search text as the server writes them;
- the label `production` on every prompt's newest version and `staging` on version 1 of every tenth,
  one tag `team-<n mod 100>` per prompt;
- one prompt `scale/deep` with `deep` versions, for a history page 100,000 deep.

Foreign-key checks are suspended while loading (session_replication_role = replica): every reference
written is valid by construction. Ids are derived from numbers (md5), so the bench can name any prompt
or version without asking.
"""
import csv
import hashlib
import io
import os
import re
import subprocess
import zlib

import common

# the shared collection has prompts longer than the csv module's default field limit
csv.field_size_limit(1 << 24)

CONTENTS = 1_000
MAX_CHARS = 1_200
VARIABLE = re.compile(r"(\\?)\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}")


def prompt_id(n):
    return uuid_of(f"p{n}")


def version_id(n, k):
    return uuid_of(f"v{n}-{k}")


def uuid_of(text):
    h = hashlib.md5(text.encode()).hexdigest()
    return f"{h[0:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"


def contents():
    """The distinct contents: real prompts, cut at a line or word boundary, each ending with a newline."""
    out = []
    for text in common.real_prompts(CONTENTS * 2):
        text = text.replace("\r\n", "\n").strip()
        if len(text) > MAX_CHARS:
            text = text[:MAX_CHARS].rsplit(" ", 1)[0]
        text += "\n"
        if text not in out:
            out.append(text)
        if len(out) == CONTENTS:
            break
    return out


def psql_stdin(database, sql, data=None):
    """Runs `sql` (which may COPY FROM STDIN `data`)."""
    subprocess.run(["psql", "-h", common.PG_HOST, "-p", common.PG_PORT, "-U", common.PG_USER, "-d", database,
                    "-v", "ON_ERROR_STOP=1", "-qAtc", sql], input=data, check=True, stdout=subprocess.DEVNULL)


def load(database, prompts, versions, deep):
    texts = contents()
    # the contents and what the server derives from them
    rows = io.StringIO()
    for i, text in enumerate(texts):
        raw = text.encode("utf-8")
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        data = compressor.compress(raw) + compressor.flush()
        digest = hashlib.sha256(raw).digest()
        names = []
        for escape, name in VARIABLE.findall(text):
            if not escape and name not in names:
                names.append(name)
        lines = text.count("\n")
        rows.write("\t".join([str(i), "\\\\x" + digest.hex(), hashlib.sha256(raw).hexdigest(), str(len(raw)),
                              "\\\\x" + data.hex(), ",".join(names), str(lines), str(len(text)),
                              text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")]) + "\n")
    psql_stdin(database, """
        CREATE UNLOGGED TABLE bench_content (i int PRIMARY KEY, hash bytea, sha text, length int, data bytea,
          variables text, lines int, chars int, text text)""")
    psql_stdin(database, "COPY bench_content FROM STDIN", rows.getvalue().encode("utf-8"))
    sql = f"""
        SET session_replication_role = replica;
        SET maintenance_work_mem = '256MB';
        INSERT INTO content_blob (hash, base, chain, length, data)
          SELECT hash, NULL, 0, length, data FROM bench_content ON CONFLICT DO NOTHING;
        -- the prompts, then their versions, labels and tags
        INSERT INTO prompt (id, live_name, name_key, head_version_id, head_number, created_at, created_by,
                            updated_at, prompt_type, search_text)
          SELECT md5('p' || n)::uuid, name, name, md5('v' || n || '-' || {versions})::uuid, {versions},
                 now() - interval '400 days' + n * interval '10 ms', 'admin',
                 now() - interval '1 day' + n * interval '50 us', 'text',
                 left(lower(name || E'\\n\\n' || c.text), 65536)
          FROM (SELECT n, 'scale/p' || lpad(n::text, 7, '0') AS name FROM generate_series(1, {prompts}) n) p
          JOIN bench_content c ON c.i = (n * {versions} + {versions}) % {CONTENTS};
        INSERT INTO prompt_version (id, prompt_id, number, name, description, content, content_sha256, created_at,
                                    author, change_type, message, parent_version_id, reverted_from_version_id,
                                    lines_added, lines_removed, chars_added, chars_removed, fields_changed,
                                    variables, content_hash, body_format)
          SELECT md5('v' || n || '-' || k)::uuid, md5('p' || n)::uuid, k, 'scale/p' || lpad(n::text, 7, '0'),
                 NULL, NULL, c.sha, now() - interval '400 days' + n * interval '10 ms' + k * interval '1 s',
                 'admin', CASE WHEN k = 1 THEN 'create' ELSE 'update' END,
                 CASE WHEN k = 1 THEN NULL ELSE 'edit ' || k END,
                 CASE WHEN k = 1 THEN NULL ELSE md5('v' || n || '-' || (k - 1))::uuid END, NULL,
                 c.lines, CASE WHEN k = 1 THEN 0 ELSE c.lines END, c.chars, CASE WHEN k = 1 THEN 0 ELSE c.chars END,
                 CASE WHEN k = 1 THEN 'name,content' ELSE 'content' END, c.variables, c.hash, NULL
          FROM generate_series(1, {prompts}) n CROSS JOIN generate_series(1, {versions}) k
          JOIN bench_content c ON c.i = (n * {versions} + k) % {CONTENTS};
        INSERT INTO prompt_label (prompt_id, name, version_id, updated_at, updated_by)
          SELECT md5('p' || n)::uuid, 'production', md5('v' || n || '-' || {versions})::uuid, now(), 'admin'
          FROM generate_series(1, {prompts}) n;
        INSERT INTO prompt_label (prompt_id, name, version_id, updated_at, updated_by)
          SELECT md5('p' || n)::uuid, 'staging', md5('v' || n || '-1')::uuid, now(), 'admin'
          FROM generate_series(10, {prompts}, 10) n;
        -- with the prompt's sort keys, as the server's triggers (off while loading) would set them
        INSERT INTO prompt_tag (prompt_id, tag, live_name, created_at, updated_at)
          SELECT p.id, 'team-' || (n % 100), p.live_name, p.created_at, p.updated_at
          FROM generate_series(1, {prompts}) n JOIN prompt p ON p.id = md5('p' || n)::uuid;
        -- one prompt with a long history
        INSERT INTO prompt (id, live_name, name_key, head_version_id, head_number, created_at, created_by,
                            updated_at, prompt_type, search_text)
          SELECT md5('deep')::uuid, 'scale/deep', 'scale/deep', md5('deep-' || {deep})::uuid, {deep},
                 now() - interval '500 days', 'admin', now() - interval '2 days', 'text',
                 lower('scale/deep' || E'\\n\\n' || c.text)
          FROM bench_content c WHERE c.i = {deep} % {CONTENTS};
        INSERT INTO prompt_version (id, prompt_id, number, name, description, content, content_sha256, created_at,
                                    author, change_type, message, parent_version_id, reverted_from_version_id,
                                    lines_added, lines_removed, chars_added, chars_removed, fields_changed,
                                    variables, content_hash, body_format)
          SELECT md5('deep-' || k)::uuid, md5('deep')::uuid, k, 'scale/deep', NULL, NULL, c.sha,
                 now() - interval '500 days' + k * interval '1 s', 'admin',
                 CASE WHEN k = 1 THEN 'create' ELSE 'update' END, 'edit ' || k,
                 CASE WHEN k = 1 THEN NULL ELSE md5('deep-' || (k - 1))::uuid END, NULL,
                 c.lines, CASE WHEN k = 1 THEN 0 ELSE c.lines END, c.chars, CASE WHEN k = 1 THEN 0 ELSE c.chars END,
                 CASE WHEN k = 1 THEN 'name,content' ELSE 'content' END, c.variables, c.hash, NULL
          FROM generate_series(1, {deep}) k JOIN bench_content c ON c.i = k % {CONTENTS};
        DROP TABLE bench_content;
        SET session_replication_role = origin;
    """
    psql_stdin(database, sql)
    common.psql("VACUUM ANALYZE", database)
