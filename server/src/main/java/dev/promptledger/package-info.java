/**
 * promptledger: a versioned prompt registry. The root holds only the application class,
 * which serves the API and the UI or hands an operator's command to {@code cli}.
 * <p>
 * Owns: start-up. May use: {@code cli}.
 */
package dev.promptledger;
