/**
 * The {@code wallet} command family: create, import, list, add and export accounts, and sign or verify any
 * {@code eth_signTypedData_v4} JSON exactly as MetaMask does.
 *
 * <p>Passwords never come from a plain argument (it would show in the shell history and process list). In
 * order: {@code --password-file FILE} (first line), the environment variable
 * {@value dev.modelfactory.app.cli.wallet.Passwords#ENV}, else a non-echoing prompt on the console. Without
 * any of these (no terminal, e.g. in a script) the command stops with exit code 2.
 */
package dev.modelfactory.app.cli.wallet;
