package dev.modelfactory.ledger.dataset;

import java.util.ArrayList;
import java.util.List;

/** Tag lists as users type them in one cell: separated by {@code ,} or {@code |}, blanks dropped. */
final class Tags {

    private Tags() {
    }

    static List<String> split(String cell) {
        List<String> out = new ArrayList<>();
        for (String t : cell.split("[,|]")) {
            if (!t.isBlank()) {
                out.add(t.strip());
            }
        }
        return out;
    }
}
