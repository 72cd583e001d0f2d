/**
 * The app's side of the wallet and attribution: adapters from the studio's {@code studio.wallet} and
 * {@code studio.attribution} interfaces to the ledger's wallet, log and chain services, the wallet's
 * signer adapted to the chain's {@code TransactionSigner}, and the anchoring steps shared by the
 * {@code ledger anchor} command and the Attribution page (registry address per chain id kept in the
 * workspace's settings).
 */
package dev.modelfactory.app.wallet;
