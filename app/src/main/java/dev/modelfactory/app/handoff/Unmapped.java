package dev.modelfactory.app.handoff;

/**
 * A studio config field the trainer has no key for: reported in the CLI output and provenance.json so
 * that the difference is visible, never dropped silently.
 *
 * @param field  the studio field as the canonical config JSON spells it ({@code truncation}, {@code lora.rank})
 * @param value  its value in the exported config, as text
 * @param reason what the trainer does instead
 */
public record Unmapped(String field, String value, String reason) {
}
