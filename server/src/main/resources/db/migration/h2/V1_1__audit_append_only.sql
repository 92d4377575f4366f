-- The audit log accepts INSERT only (the H2 counterpart of the PostgreSQL triggers).
CREATE TRIGGER audit_entry_no_update_delete
    BEFORE UPDATE, DELETE ON audit_entry
    FOR EACH ROW CALL 'dev.promptledger.audit.H2AppendOnlyTrigger';
