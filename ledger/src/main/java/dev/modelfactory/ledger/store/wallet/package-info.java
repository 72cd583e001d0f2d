/**
 * JDBC persistence of the wallet (tables {@code wallet_account} and {@code wallet_seed}, migration V9):
 * encrypted keystores and account metadata only. The wallet logic is in {@code ledger.wallet}.
 */
package dev.modelfactory.ledger.store.wallet;
