ALTER TABLE prompt_version ALTER COLUMN variables SET NOT NULL;
