/**
 * Shared HTTP plumbing that knows no feature: problem+json and error codes, JSON bodies
 * and their limits, checked requests, entity tags, ids in URLs, name rules, cursors and
 * pages, the API's security headers.
 * <p>
 * May use: nothing of promptledger.
 */
package dev.promptledger.http;
