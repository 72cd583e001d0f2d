/**
 * The picocli command line: one root command with the global options ({@code --workspace},
 * {@code --json}) and a subcommand per family. Commands only parse, call services and print: results on
 * stdout (JSON with {@code --json}), progress and messages on stderr. Exit codes: 0 ok, 1 failed,
 * 2 bad usage or bad input.
 */
package dev.modelfactory.app.cli;
