-- Which releases may run on this schema: a node whose newest migration is older than needs_schema
-- refuses to start (docs/operations.md, rolling upgrades). Migrations are additive, so this moves only
-- when a release contracts the schema in a way older nodes cannot work with. Nodes that know migration
-- 3.1 or later read contents from content_blob, which is where every content is now.
CREATE TABLE schema_compatibility (
    id           INTEGER     NOT NULL PRIMARY KEY CHECK (id = 1),
    needs_schema VARCHAR(50) NOT NULL
);
INSERT INTO schema_compatibility (id, needs_schema) VALUES (1, '3.1');
