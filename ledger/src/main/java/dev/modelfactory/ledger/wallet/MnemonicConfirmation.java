package dev.modelfactory.ledger.wallet;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The check that a user wrote a new mnemonic down: the user re-enters the words at a few positions chosen
 * at random, and the wallet is created only when they match.
 */
public final class MnemonicConfirmation {

    private final Mnemonic mnemonic;
    private final List<Integer> positions;

    private MnemonicConfirmation(Mnemonic mnemonic, List<Integer> positions) {
        this.mnemonic = mnemonic;
        this.positions = List.copyOf(positions);
    }

    /** A challenge for {@code count} distinct positions (1-based, ascending) drawn from {@code random}. */
    public static MnemonicConfirmation challenge(Mnemonic mnemonic, int count, SecureRandom random) {
        Objects.requireNonNull(mnemonic, "mnemonic");
        if (count < 1 || count > mnemonic.size()) {
            throw new IllegalArgumentException("confirm 1.." + mnemonic.size() + " words, not " + count);
        }
        TreeSet<Integer> chosen = new TreeSet<>();
        while (chosen.size() < count) {
            chosen.add(1 + random.nextInt(mnemonic.size()));
        }
        return new MnemonicConfirmation(mnemonic, new ArrayList<>(chosen));
    }

    /** The 1-based word positions the user must re-enter, ascending. */
    public List<Integer> positions() {
        return positions;
    }

    /**
     * The positions whose answer is wrong (empty when all match). Answers are compared ignoring case and
     * surrounding blanks, in the order of {@link #positions()}.
     */
    public List<Integer> wrongPositions(List<String> answers) {
        if (answers.size() != positions.size()) {
            throw new IllegalArgumentException("expected " + positions.size() + " words, got " + answers.size());
        }
        List<String> words = mnemonic.words();
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            String answer = answers.get(i) == null ? "" : answers.get(i).strip().toLowerCase(Locale.ROOT);
            if (!answer.equals(words.get(positions.get(i) - 1))) {
                wrong.add(positions.get(i));
            }
        }
        return wrong;
    }

    /** Whether every answer matches. */
    public boolean confirms(List<String> answers) {
        return wrongPositions(answers).isEmpty();
    }

    @Override
    public String toString() {
        return "MnemonicConfirmation" + positions;
    }
}
