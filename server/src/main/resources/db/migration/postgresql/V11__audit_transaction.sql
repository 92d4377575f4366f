-- Each audit entry names the transaction that wrote it, so that a node can find every change committed
-- since it last looked (cache.Listener): a write tells the other nodes of itself with NOTIFY after its
-- commit, and a node that died between the two would otherwise leave them serving what it replaced.
-- Entries written before this migration have none; nothing looks that far back. The transaction means
-- nothing in another database, so backups leave it out (a restored entry takes the restore's).
-- Adding the column without a default and setting the default afterwards rewrites no row.
ALTER TABLE audit_entry ADD COLUMN tx xid8;
ALTER TABLE audit_entry ALTER COLUMN tx SET DEFAULT pg_current_xact_id();
CREATE INDEX audit_entry_tx ON audit_entry (tx) WHERE tx IS NOT NULL;
