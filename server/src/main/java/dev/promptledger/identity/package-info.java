/**
 * Users, roles, API tokens, passwords and sessions: the {@code app_user} and
 * {@code api_token} tables, Spring Security's configuration, bearer authentication and
 * its failure limiter, and the coherent cache of who a token is ({@code Credentials}).
 * <p>
 * May use: {@code audit}, {@code cache}, {@code config}, {@code http}.
 */
package dev.promptledger.identity;
