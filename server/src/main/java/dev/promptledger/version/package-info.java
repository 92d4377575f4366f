/**
 * The history: the one home of the {@code prompt}, {@code prompt_version} and
 * {@code content_blob} tables. {@link dev.promptledger.version.Ledger} writes every
 * version (lock, commit against the expected head, delete), the only writer;
 * {@link dev.promptledger.version.VersionService} is how other features read prompts at
 * their heads, versions and diffs. Also the pure parts of a version: diffs, deltas,
 * templates.
 * <p>
 * May use: {@code audit} (what every commit records), {@code config}, {@code db},
 * {@code http}, {@code ops}. Knows nothing of prompts' requests, labels or identities.
 */
package dev.promptledger.version;
