/**
 * Configuration: {@code PROMPTLEDGER_*} properties, the embedded database's files, JSON,
 * OpenAPI, Tomcat, signed cursors.
 * <p>
 * May use: {@code http}.
 */
package dev.promptledger.config;
