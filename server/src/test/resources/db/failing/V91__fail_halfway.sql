-- A migration that fails halfway, for the rollback test: its first statements run, the last one cannot.
CREATE TABLE rollback_probe (id INTEGER NOT NULL);
INSERT INTO rollback_probe (id) VALUES (1);
INSERT INTO rollback_probe_that_does_not_exist (id) VALUES (1);
