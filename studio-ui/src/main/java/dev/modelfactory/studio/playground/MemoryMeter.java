package dev.modelfactory.studio.playground;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;

/** Base weights, resident adapters (against the pool's budget), KV caches and JVM free memory, in one row. */
public final class MemoryMeter extends HBox {

    private final Label base = figure("memory-base");
    private final Label adapters = figure("memory-adapters");
    private final Label kv = figure("memory-kv");
    private final Label free = figure("memory-free");
    private final ProgressBar budget = new ProgressBar(0);

    public MemoryMeter() {
        super(16);
        setId("memory-meter");
        setAlignment(Pos.CENTER_LEFT);
        budget.setPrefWidth(120);
        budget.setId("memory-adapter-budget");
        getChildren().addAll(base, new HBox(6, adapters, budget), kv, free);
        show(null);
    }

    /** Shows {@code m}, or dashes when no model is loaded. */
    public void show(MemoryFigures m) {
        if (m == null) {
            base.setText("Base weights —");
            adapters.setText("Adapters —");
            kv.setText("KV cache —");
            free.setText("JVM free " + bytes(Runtime.getRuntime().maxMemory()
                    - (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory())));
            budget.setProgress(0);
            return;
        }
        base.setText("Base weights " + bytes(m.baseBytes()));
        adapters.setText("Adapters " + bytes(m.adapterBytes()) + " of " + bytes(m.adapterBudgetBytes()));
        budget.setProgress(m.adapterBudgetBytes() == 0 ? 0 : (double) m.adapterBytes() / m.adapterBudgetBytes());
        kv.setText("KV cache " + bytes(m.kvCacheBytes()));
        free.setText("JVM free " + bytes(m.jvmFreeBytes()));
    }

    private static Label figure(String id) {
        Label l = new Label();
        l.setId(id);
        return l;
    }

    /** "812 B", "4.0 KiB", "1.5 MiB", "2.25 GiB". */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v, units[u]);
    }
}
