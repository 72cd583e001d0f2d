package dev.modelfactory.studio.benchmarks;

import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/** Small layout helpers of the Benchmarks page. */
final class FxParts {

    private FxParts() {
    }

    /** A row of nodes, centred vertically. */
    static HBox row(Node... nodes) {
        HBox row = new HBox(8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A display-only converter for combo boxes. */
    static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("not editable");
            }
        };
    }
}
