package dev.modelfactory.studio.pipelines;

import dev.modelfactory.studio.Page;
import dev.modelfactory.studio.PageFactory;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.attribution.AttributionPage;
import dev.modelfactory.studio.benchmarks.BenchmarksPage;
import dev.modelfactory.studio.datasets.DatasetSummary;
import dev.modelfactory.studio.datasets.DatasetsPage;
import dev.modelfactory.studio.datasets.DatasetsViewModel;
import dev.modelfactory.studio.training.TrainingPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;

/**
 * The studio's {@link OutputOpener}: it sees every page the shell creates (their factories go through
 * {@link #track}), opens a page through its sidebar entry (node id {@code nav-<page id>}, the shell's
 * navigation), then chooses the item where the page lets it: a benchmark run is opened on the Benchmarks
 * page, a dataset chosen on the Datasets page. The Training and Attribution pages have no way to be handed
 * an item yet, so their links open the page only.
 */
public final class PageLinks implements OutputOpener {

    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    /**
     * The context with every page's factory tracked by one {@link PageLinks} and the Pipelines page added last
     * (before Tasks), its links opening those pages.
     */
    public static StudioContext withPipelines(StudioContext context, PipelinesBackend backend) {
        PageLinks links = new PageLinks();
        List<PageFactory> factories = new ArrayList<>();
        context.extraPages().forEach(f -> factories.add(links.track(f)));
        factories.add(links.track(PipelinesPage.factory(backend, links)));
        return new StudioContext(context.appVersion(), context.workspaceFolder(), context.schemaVersion(),
                context.computeDevice(), context.preferencesFile(), factories);
    }

    /** A factory that makes the same page and remembers it. */
    public PageFactory track(PageFactory factory) {
        return services -> {
            Page page = factory.create(services);
            pages.put(page.id(), page);
            return page;
        };
    }

    /** The page id a kind of output opens on, or null (files). */
    static String pageId(OutputLink.Kind kind) {
        return switch (kind) {
            case DATASET -> DatasetsPage.ID;
            case TRAINING_RUN -> TrainingPage.ID;
            case BENCHMARK_RUN -> BenchmarksPage.ID;
            case ATTRIBUTION -> AttributionPage.ID;
            case FILE -> null;
        };
    }

    @Override
    public boolean canOpen(OutputLink link) {
        String id = pageId(link.kind());
        return id != null && pages.containsKey(id);
    }

    @Override
    public void open(OutputLink link, Node from) {
        String id = pageId(link.kind());
        Page page = id == null ? null : pages.get(id);
        if (page == null || from.getScene() == null
                || !(from.getScene().lookup("#nav-" + id) instanceof ButtonBase nav)) {
            return;
        }
        nav.fire();
        switch (page) {
            case BenchmarksPage benchmarks -> runId(link).ifPresent(benchmarks::open);
            case DatasetsPage datasets -> choose(datasets.viewModel(), link.ref());
            default -> {
                // the page shows; it has no way to be handed an item
            }
        }
    }

    private static java.util.Optional<Long> runId(OutputLink link) {
        try {
            return java.util.Optional.of(Long.parseLong(link.ref().strip()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Chooses the dataset named {@code name}. The page lists its datasets again when shown, keeping the chosen
     * one; if the list does not hold it yet, it is chosen once the list arrives (after the page's own choice).
     */
    private static void choose(DatasetsViewModel model, String name) {
        if (pick(model, name)) {
            return;
        }
        model.datasets().addListener(new ListChangeListener<DatasetSummary>() {
            @Override
            public void onChanged(Change<? extends DatasetSummary> c) {
                if (model.datasets().stream().anyMatch(d -> d.name().equals(name))) {
                    model.datasets().removeListener(this);
                    Platform.runLater(() -> pick(model, name));
                }
            }
        });
    }

    private static boolean pick(DatasetsViewModel model, String name) {
        return model.datasets().stream().filter(d -> d.name().equals(name)).findFirst().map(d -> {
            model.selectedProperty().set(d);
            return true;
        }).orElse(false);
    }
}
