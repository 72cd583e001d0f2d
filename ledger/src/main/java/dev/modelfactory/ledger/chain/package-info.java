/**
 * Chain anchoring: the only package of the studio that opens network connections (an ArchUnit rule
 * enforces it). It timestamps ledger batch roots on any EVM chain through the
 * {@code AttributionRegistry} contract and checks an entry against an anchored root.
 *
 * <p>Shape: {@link dev.modelfactory.ledger.chain.Anchoring} is the service-level facade (what
 * {@code ledger anchor --rpc URL} and the studio call); it drives a
 * {@link dev.modelfactory.ledger.chain.ChainClient} (JSON-RPC over HTTP through web3j: chain id check,
 * gas estimation, EIP-1559 or legacy transactions, nonces, retries with backoff, receipt wait) and a
 * {@link dev.modelfactory.ledger.chain.RegistryContract} (ABI encoding of the contract's calls and its
 * {@code Anchored} event). Keys never enter this package: transactions are signed through
 * {@link dev.modelfactory.ledger.chain.TransactionSigner}, which the wallet implements. Merkle proofs are
 * checked locally through {@link dev.modelfactory.ledger.chain.MerkleProofCheck}, which the log provides,
 * so this package knows nothing of how the ledger hashes its entries.
 *
 * <p>The contract source is {@code ledger/src/main/solidity/AttributionRegistry.sol}; its ABI and
 * bytecode are committed as resources next to these classes and checked against the source by the
 * tests (docs/adr/0007-chain-anchoring.md).
 */
package dev.modelfactory.ledger.chain;
