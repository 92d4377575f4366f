/**
 * The operator's commands ({@code backup}, {@code restore}, {@code import},
 * {@code export}, {@code reset-admin}, ...), each starting the application without its
 * web server.
 * <p>
 * May use: {@code backup}, {@code exchange}, {@code identity}, {@code schema}.
 */
package dev.promptledger.cli;
