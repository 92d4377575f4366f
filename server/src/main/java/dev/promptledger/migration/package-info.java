/**
 * The schema migrations written in Java, each with what it computes frozen inside it
 * ({@code Frozen}), so that replaying one later gives what it gave then.
 * <p>
 * May use: nothing of promptledger (the architecture tests check it).
 */
package dev.promptledger.migration;
