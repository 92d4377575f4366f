-- H2 has no trigram index: GET /prompts?q= scans the live prompts there (a single embedded node).
-- This migration keeps the schema versions of both databases in step.
SELECT 1;
