/**
 * The {@code modelfactory dataset ...} command family: import, list, show, check, dedupe, split, freeze,
 * diff, export, undo, redo and history over the workspace's datasets
 * ({@link dev.modelfactory.ledger.store.dataset.DatasetStore}). Like every command, these only parse,
 * call the store and print: JSON on stdout with {@code --json}, progress and warnings on stderr, exit
 * codes 0 ok / 1 failed / 2 bad input. {@code dataset check} runs the {@link
 * dev.modelfactory.app.cli.dataset.DatasetCheck}s listed in {@link dev.modelfactory.app.cli.dataset.DatasetChecks}.
 */
package dev.modelfactory.app.cli.dataset;
