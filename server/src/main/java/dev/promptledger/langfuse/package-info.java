/**
 * Langfuse's prompt API ({@code /api/public/v2/prompts}), served as the official
 * {@code @langfuse/client} SDK calls it, over the same services as the API's own paths: a
 * Langfuse key pair is a promptledger token, so every role, policy and audit rule
 * applies. Errors on these paths take Langfuse's {@code {"message", "error"}} form.
 */
package dev.promptledger.langfuse;
