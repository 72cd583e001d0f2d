/**
 * The {@code attest} and {@code ledger} command families: sign attribution records with a wallet account and
 * append them to the workspace's hash-chained log; list, show, verify, batch, export and import it.
 */
package dev.modelfactory.app.cli.ledger;
