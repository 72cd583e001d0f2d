package dev.modelfactory.app.cli;

import picocli.CommandLine.Command;

/** {@code modelfactory model}: the models of a workspace. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Import, list and show models (GGUF files and Hugging Face folders).",
        subcommands = {ModelImportCommand.class, ModelListCommand.class, ModelShowCommand.class})
public final class ModelCommand {
}
