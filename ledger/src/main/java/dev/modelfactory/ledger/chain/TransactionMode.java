package dev.modelfactory.ledger.chain;

/** Which transaction envelope to send. */
public enum TransactionMode {
    /** EIP-1559 (type 2) where the latest block has a base fee, legacy (EIP-155) otherwise. */
    AUTO,
    /** Always EIP-1559; fails on a node without a base fee. */
    EIP1559,
    /** Always legacy with EIP-155 replay protection (a gas price, no base fee). */
    LEGACY
}
