package dev.modelfactory.studio.wallet;

import dev.modelfactory.ledger.attribution.Signature;
import dev.modelfactory.ledger.attribution.TypedData;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How any page asks for a signature: the implementation ({@link SigningDialog}) shows the record and
 * signs only after the user presses Sign. The answer arrives on the FX thread: the signature, or empty
 * when the user cancelled (or the signing failed, which the dialog has already shown).
 */
@FunctionalInterface
public interface SignatureRequests {

    void request(TypedData data, String signerAddress, Consumer<Optional<Signature>> answer);
}
