package dev.modelfactory.app.training;

import dev.modelfactory.engine.adapter.AdapterException;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The adapters of a workspace: those runs produced ({@code runs/N/adapter}, hash recorded with the run) and
 * those imported ({@code adapters/<sha256>/}, named by their content hash). Import checks the adapter
 * against its base model (layers and every matrix's shape) before anything is written.
 */
public final class AdapterCatalog {

    /** One adapter: its content hash, folder, and the run that trained it (0 for imported ones). */
    public record Entry(String hash, Path folder, long runId, String baseModel, String name) {
    }

    private final Workspace workspace;
    private final RunStore runs;

    public AdapterCatalog(Workspace workspace) {
        this.workspace = workspace;
        this.runs = new RunStore(workspace);
    }

    public List<Entry> list() {
        List<Entry> out = new ArrayList<>();
        for (RunRecord r : runs.list()) {
            Path folder = workspace.root().resolve("runs").resolve(Long.toString(r.id())).resolve("adapter");
            if (r.adapterHash().isPresent() && Files.isDirectory(folder)) {
                out.add(new Entry(r.adapterHash().get(), folder, r.id(), r.spec().baseModel(), r.spec().name()));
            }
        }
        Path imported = workspace.root().resolve("adapters");
        if (Files.isDirectory(imported)) {
            try (Stream<Path> s = Files.list(imported)) {
                s.filter(Files::isDirectory).sorted().forEach(f -> {
                    PeftAdapter a = PeftAdapter.load(f);
                    out.add(new Entry(f.getFileName().toString(), f, 0, a.config().baseModelNameOrPath(), "imported"));
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** By PEFT folder path, run id ({@code run:N} or {@code N}) or hash prefix (6+ hex characters). */
    public Entry find(String ref) {
        Path p = Path.of(ref);
        if (Files.isDirectory(p)) {
            PeftAdapter a = load(p);
            return new Entry(a.sha256(), p, 0, a.config().baseModelNameOrPath(), p.getFileName().toString());
        }
        return resolve(ref, list());
    }

    /**
     * {@code ref} among {@code all}: {@code run:N} names a run only; a bare number names a run, or a hash prefix
     * when it has 6+ digits, and a number that is both (a run's id and the start of another adapter's hash) is
     * refused rather than guessed; anything else of 6+ characters is a hash prefix.
     */
    static Entry resolve(String ref, List<Entry> all) {
        boolean runOnly = ref.startsWith("run:");
        String r = runOnly ? ref.substring(4) : ref;
        Optional<Entry> byRun = Optional.empty();
        if (r.matches("\\d{1,9}")) {
            long id = Long.parseLong(r);
            byRun = all.stream().filter(e -> e.runId() == id).findFirst();
        }
        if (runOnly) {
            return byRun.orElseThrow(() -> new TrainingInputException("adapter: '" + ref + "': no run " + r
                    + " with an adapter in this workspace (see: adapter list)"));
        }
        List<Entry> hits = r.length() >= 6 ? all.stream().filter(e -> e.hash().startsWith(r)).toList() : List.of();
        // The same content under a run and as an import is one adapter: ambiguity is between hashes.
        List<String> hashes = hits.stream().map(Entry::hash).distinct().toList();
        if (byRun.isPresent()) {
            String runHash = byRun.get().hash();
            if (hashes.stream().anyMatch(h -> !h.equals(runHash))) {
                throw new TrainingInputException("adapter: '" + ref + "' is run " + r + "'s adapter and the start of"
                        + " another adapter's hash; write run:" + r + " or more hash characters");
            }
            return byRun.get();
        }
        if (hashes.size() > 1) {
            throw new TrainingInputException("adapter: '" + ref + "' matches " + hashes.size() + " adapters; give more characters");
        }
        if (!hits.isEmpty()) {
            return hits.getFirst();
        }
        throw new TrainingInputException("adapter: '" + ref + "' is neither a PEFT folder nor an adapter of this"
                + " workspace (run id or hash prefix; see: adapter list)");
    }

    /** Checks the adapter at {@code folder} against {@code base} and copies it to {@code adapters/<hash>/}. */
    public Entry importAdapter(Path folder, ModelFiles base) {
        PeftAdapter a = load(folder);
        try {
            a.checkAgainst(base.config());
        } catch (AdapterException e) {
            throw new TrainingInputException("adapter " + folder + " does not fit " + base.path() + ": " + e.getMessage(), e);
        }
        String hash = a.sha256();
        Path target = workspace.root().resolve("adapters").resolve(hash);
        if (!Files.isDirectory(target)) {
            try {
                Files.createDirectories(target.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            a.save(target);
        }
        return new Entry(hash, target, 0, a.config().baseModelNameOrPath(), "imported");
    }

    /** Loads a PEFT folder; format errors become input errors naming the file and key. */
    public static PeftAdapter load(Path folder) {
        try {
            return PeftAdapter.load(folder);
        } catch (AdapterException e) {
            throw new TrainingInputException(e.getMessage(), e);
        }
    }
}
