package dev.modelfactory.app.handoff;

import dev.modelfactory.ledger.store.run.RunRecord;
import java.nio.file.Path;

/**
 * A trainer's result stored as a run.
 *
 * @param run           the COMPLETED run (its config hash and dataset version are the bundle's)
 * @param adapterFolder the adapter's PEFT folder in the workspace ({@code runs/N/adapter})
 * @param points        metric points stored
 * @param nonFinite     NaN/infinite values of trainer_state.json left out
 * @param trainerState  the trainer_state.json read
 */
public record ImportedRun(RunRecord run, Path adapterFolder, int points, int nonFinite, Path trainerState) {
}
