package dev.modelfactory.engine.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The registry of backends found on the class path. {@link #best()} honours
 * {@code -Dmodelfactory.backend=NAME}, else takes the highest-ranked available provider.
 */
public final class Backends {

    /** System property naming the backend to use. */
    public static final String PROPERTY = "modelfactory.backend";

    /** One provider and what it said about this machine. */
    public record Entry(BackendProvider provider, Availability availability) {

        public String name() {
            return provider.name();
        }
    }

    private Backends() {
    }

    /** Every provider, highest rank first, each with its availability (for {@code doctor}). */
    public static List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        for (BackendProvider p : providers()) {
            entries.add(new Entry(p, probe(p)));
        }
        return entries;
    }

    /** The available ones, highest rank first. */
    public static List<Entry> available() {
        return all().stream().filter(e -> e.availability().available()).toList();
    }

    /** Creates the backend named by {@code -Dmodelfactory.backend}, else the best available. */
    public static Backend best() {
        String wanted = System.getProperty(PROPERTY);
        if (wanted != null && !wanted.isBlank()) {
            return named(wanted);
        }
        return available().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no compute backend is available: " + describe(all())))
                .provider().create();
    }

    /** Creates the backend with this name, or explains why it cannot. */
    public static Backend named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        List<Entry> all = all();
        for (Entry e : all) {
            if (e.name().equals(wanted)) {
                if (!e.availability().available()) {
                    throw new IllegalStateException("backend '" + wanted + "' is not available: "
                            + e.availability().reason() + "; choices: " + describe(all));
                }
                return e.provider().create();
            }
        }
        throw new IllegalArgumentException("unknown backend '" + wanted + "' (-D" + PROPERTY + "); choices: "
                + describe(all));
    }

    private static List<BackendProvider> providers() {
        List<BackendProvider> list = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).forEach(list::add);
        list.sort(Comparator.comparingInt(BackendProvider::rank).reversed().thenComparing(BackendProvider::name));
        return list;
    }

    private static Availability probe(BackendProvider p) {
        try {
            return p.availability();
        } catch (RuntimeException | LinkageError e) {
            return Availability.no(p.name() + " probe failed: " + e);
        }
    }

    private static String describe(List<Entry> entries) {
        return entries.stream()
                .map(e -> e.name() + (e.availability().available() ? " (available)"
                        : " (unavailable: " + e.availability().reason() + ")"))
                .collect(Collectors.joining(", "));
    }
}
