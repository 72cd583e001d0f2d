package dev.modelfactory.ledger.dataset.check;

import java.util.Locale;

/** The kinds of personal data and secrets {@link PiiDetector} finds, each with its {@link RowFlag}. */
public enum PiiKind {
    EMAIL(RowFlag.PII_EMAIL),
    PHONE(RowFlag.PII_PHONE),
    CREDIT_CARD(RowFlag.PII_CREDIT_CARD),
    IBAN(RowFlag.PII_IBAN),
    IP_ADDRESS(RowFlag.PII_IP_ADDRESS),
    SECRET(RowFlag.PII_SECRET);

    private final RowFlag flag;

    PiiKind(RowFlag flag) {
        this.flag = flag;
    }

    public RowFlag flag() {
        return flag;
    }

    /** Lowercase name as stored, e.g. {@code credit_card}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PiiKind ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
