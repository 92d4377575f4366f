-- A migration that works, for the rollback test: it changes the schema and the data.
ALTER TABLE prompt ADD COLUMN rollback_probe VARCHAR(10);
UPDATE prompt SET rollback_probe = 'changed';
