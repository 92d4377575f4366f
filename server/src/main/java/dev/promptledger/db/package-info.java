/**
 * Statements of one transaction sent to the database together
 * ({@link dev.promptledger.db.Batch}), which the homes of the tables a write touches add
 * their statements to.
 * <p>
 * May use: {@code config}.
 */
package dev.promptledger.db;
