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

/** Composes the studio's context from the open workspace and the engine: the studio's only wiring. */
public final class StudioWiring {

    private StudioWiring() {
    }

    public static StudioContext context(Workspace workspace) {
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
                        new RetrievalGrounding(new RetrievalService(workspace))))
                .addPage(BenchmarksPage.factory(new WorkspaceBenchmarksBackend(workspace)))
                .addPage(ProvenancePage.factory(WorkspaceProvenanceBackend.of(workspace), wallet))
                .addPage(WalletPage.factory(wallet))
                .addPage(AttributionPage.factory(new WorkspaceAttributionLedger(workspace, wallet.service()), wallet))
                .build(), WorkspacePipelinesBackend.of(workspace));
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
