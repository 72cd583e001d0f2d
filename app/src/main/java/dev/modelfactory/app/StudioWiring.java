package dev.modelfactory.app;

import dev.modelfactory.app.attribution.WorkspaceProvenanceBackend;
import dev.modelfactory.app.cli.VersionProvider;
import dev.modelfactory.app.datasets.WorkspaceDatasetCatalog;
import dev.modelfactory.app.finetune.WorkspaceTrainingBackend;
import dev.modelfactory.app.handoff.HandoffTrainingBackend;
import dev.modelfactory.app.models.WorkspaceModelCatalog;
import dev.modelfactory.app.wallet.WorkspaceAttributionLedger;
import dev.modelfactory.app.wallet.WorkspaceWalletAccess;
import dev.modelfactory.app.eval.WorkspaceBenchmarksBackend;
import dev.modelfactory.app.playground.RetrievalGrounding;
import dev.modelfactory.app.playground.WorkspacePlaygroundBackend;
import dev.modelfactory.app.attribution.RetrievalService;
import dev.modelfactory.app.pipelines.WorkspacePipelinesBackend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.platform.MachineInfo;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.studio.StudioContext;
import dev.modelfactory.studio.attribution.AttributionPage;
import dev.modelfactory.studio.datasets.DatasetsPage;
import dev.modelfactory.studio.models.ModelsPage;
import dev.modelfactory.studio.training.TrainingPages;
import dev.modelfactory.studio.provenance.ProvenancePage;
import dev.modelfactory.studio.wallet.WalletPage;
import dev.modelfactory.studio.playground.PlaygroundPage;
import dev.modelfactory.studio.benchmarks.BenchmarksPage;
import dev.modelfactory.studio.pipelines.PageLinks;
import java.util.List;
import java.util.Objects;

/**
 * Composes the studio's context from the open workspace and the engine: the studio's only wiring. The
 * services behind the pages that hold resources (retrieval and influence sessions, the pipeline runner) are
 * closed with the {@link Wired} it returns, before the workspace they write to.
 */
public final class StudioWiring {

    private StudioWiring() {
    }

    /** The studio's context and the services to close when the studio is done with it, last opened first. */
    public record Wired(StudioContext context, List<AutoCloseable> services) implements AutoCloseable {

        public Wired {
            Objects.requireNonNull(context, "context");
            services = List.copyOf(services);
        }

        /** Closes every service even when one fails; the first failure is thrown, later ones suppressed. */
        @Override
        public void close() {
            RuntimeException first = null;
            for (AutoCloseable s : services.reversed()) {
                try {
                    s.close();
                } catch (Exception e) {
                    RuntimeException wrapped = e instanceof RuntimeException re ? re
                            : new IllegalStateException("closing " + s.getClass().getSimpleName() + " failed: " + e.getMessage(), e);
                    if (first == null) {
                        first = wrapped;
                    } else {
                        first.addSuppressed(wrapped);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** The studio over {@code workspace}; close the result before the workspace. */
    public static Wired open(Workspace workspace) {
        RetrievalService retrieval = new RetrievalService(workspace);
        WorkspaceProvenanceBackend provenance = WorkspaceProvenanceBackend.of(workspace);
        WorkspacePipelinesBackend pipelines = WorkspacePipelinesBackend.of(workspace);
        return new Wired(context(workspace, retrieval, provenance, pipelines), List.of(retrieval, provenance, pipelines));
    }

    private static StudioContext context(Workspace workspace, RetrievalService retrieval,
            WorkspaceProvenanceBackend provenance, WorkspacePipelinesBackend pipelines) {
        TrainingPages training = TrainingPages.of(new HandoffTrainingBackend(WorkspaceTrainingBackend.of(workspace), workspace));
        WorkspaceWalletAccess wallet = WorkspaceWalletAccess.of(workspace);
        WorkspaceModelCatalog models = WorkspaceModelCatalog.forCurrentUser(workspace);
        // the Pipelines page comes last; its "open" links reach the pages above (PageLinks tracks them)
        return PageLinks.withPipelines(StudioContext.builder()
                .appVersion(VersionProvider.version())
                .workspace(workspace.root().toString(), workspace.schemaVersion())
                .computeDevice(computeDevice())
                .preferencesFile(AppPaths.forCurrentUser().uiPreferences())
                .addPage(DatasetsPage.factory(new WorkspaceDatasetCatalog(workspace)))
                .addPage(ModelsPage.factory(models))
                .addPage(training.fineTune())
                .addPage(training.training())
                .addPage(PlaygroundPage.factory(new WorkspacePlaygroundBackend(models),
                        new RetrievalGrounding(retrieval)))
                .addPage(BenchmarksPage.factory(new WorkspaceBenchmarksBackend(workspace)))
                .addPage(ProvenancePage.factory(provenance, wallet))
                .addPage(WalletPage.factory(wallet))
                .addPage(AttributionPage.factory(new WorkspaceAttributionLedger(workspace, wallet.service()), wallet))
                .build(), pipelines);
    }

    /** "CPU (cpu backend): AMD EPYC · 2 threads · 256-bit SIMD (avx2, fma)". */
    static String computeDevice() {
        String backend = Backends.available().stream().findFirst().map(Backends.Entry::name).orElse("none");
        String forced = System.getProperty(Backends.PROPERTY);
        if (forced != null && !forced.isBlank()) {
            backend = forced.trim();
        }
        return "CPU (" + backend + " backend): " + MachineInfo.detect().summary();
    }
}
