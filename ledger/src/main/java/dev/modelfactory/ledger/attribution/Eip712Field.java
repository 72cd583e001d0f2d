package dev.modelfactory.ledger.attribution;

/**
 * One member of an EIP-712 struct type: {@code {"name": ..., "type": ...}}.
 *
 * @param name the member name
 * @param type a Solidity type ({@code address}, {@code bytes32}, {@code uint64}, {@code string[]}, ...) or
 *             the name of another struct type, optionally as an array
 */
public record Eip712Field(String name, String type) {
}
