package dev.modelfactory.app.cli.dataset;

import picocli.CommandLine.Command;

/** {@code modelfactory dataset}: the datasets of a workspace. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Import, inspect, curate, split, freeze, diff and export datasets.",
        subcommands = {DatasetImportCommand.class, DatasetListCommand.class, DatasetShowCommand.class,
            DatasetCheckCommand.class, DatasetDedupeCommand.class, DatasetSplitCommand.class, DatasetFreezeCommand.class,
            DatasetDiffCommand.class, DatasetExportCommand.class, DatasetUndoCommand.class, DatasetRedoCommand.class,
            DatasetHistoryCommand.class})
public final class DatasetCommand {
}
