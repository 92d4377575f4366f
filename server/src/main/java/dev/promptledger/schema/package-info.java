/**
 * The schema's state and guard: which migrations ran, compatibility with the previous
 * release, names that collide by case.
 * <p>
 * May use: nothing of promptledger.
 */
package dev.promptledger.schema;
