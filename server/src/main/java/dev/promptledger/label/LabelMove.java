package dev.promptledger.label;

import dev.promptledger.version.VersionRef;

/**
 * A request to point a label at a version, with its reason ({@code message}, optional),
 * which the label's history and the audit entry keep.
 */
public record LabelMove(VersionRef version, String message) {
}
