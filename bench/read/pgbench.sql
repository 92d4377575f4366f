\set i random(1, :prompts)
SELECT p.id, v.id, v.number, v.name, v.description, v.content, v.content_sha256, v.created_at, v.author
FROM prompt p
JOIN prompt_label l ON l.prompt_id = p.id AND l.name = 'production'
JOIN prompt_version v ON v.id = l.version_id
WHERE p.live_name = 'bench/read-' || lpad(:i::text, 4, '0');
