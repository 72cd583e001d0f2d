package dev.modelfactory.studio.benchmarks.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The report package is reused by the CLI: it depends on the JDK and the engine's eval types only, never JavaFX. */
class ReportIsPlainJavaTest {

    @Test
    void theReportPackageDependsOnlyOnTheJdkAndTheEvalTypes() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.modelfactory.studio.benchmarks.report");
        classes().that().resideInAPackage("dev.modelfactory.studio.benchmarks.report..").should()
                .onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.modelfactory.studio.benchmarks.report..",
                        "dev.modelfactory.engine.eval..", "dev.modelfactory.engine.format.hf..")
                .check(classes);
    }
}
