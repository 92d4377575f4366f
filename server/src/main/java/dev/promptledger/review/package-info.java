/**
 * Change requests: proposals to move or delete a label that its policy lets no one move
 * directly, approved by others (never the author) and applied in the approving
 * transaction (docs/api.md, Label policies and change requests).
 */
package dev.promptledger.review;
