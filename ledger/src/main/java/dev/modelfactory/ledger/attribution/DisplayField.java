package dev.modelfactory.ledger.attribution;

/**
 * One line of the signing dialog: what the user is about to sign, decoded as MetaMask shows
 * {@code eth_signTypedData_v4} requests.
 *
 * @param path  dotted path from the top, e.g. {@code domain.chainId}, {@code message.from.wallet},
 *              {@code message.contributors[1].shareBps}
 * @param type  the EIP-712 type of the value
 * @param value the value as text (numbers in decimal, addresses and hashes as in the JSON)
 */
public record DisplayField(String path, String type, String value) {
}
