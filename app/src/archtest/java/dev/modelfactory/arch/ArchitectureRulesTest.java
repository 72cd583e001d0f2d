package dev.modelfactory.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of DESIGN.md, in one class that every module compiles and runs (the parent pom
 * adds this source folder to each module's tests). Each module sees its own classes and those of the
 * modules it depends on, so a rule is checked wherever it can be broken.
 *
 * <p>An exception to a rule is a class annotated with an annotation named {@code ArchitectureException}
 * (any package) whose {@code reason} says why; none exist today.
 */
@AnalyzeClasses(packages = "dev.modelfactory", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureRulesTest {

    private static final DescribedPredicate<JavaClass> EXEMPT = new DescribedPredicate<>(
            "annotated @ArchitectureException(reason)") {
        @Override
        public boolean test(JavaClass c) {
            return c.getAnnotations().stream()
                    .anyMatch(a -> a.getRawType().getSimpleName().equals("ArchitectureException"));
        }
    };

    private static final DescribedPredicate<JavaClass> NOT_EXEMPT = DescribedPredicate.not(EXEMPT);

    @ArchTest
    static final ArchRule engineIsIndependent = noClasses().that().resideInAPackage("dev.modelfactory.engine..")
            .and(NOT_EXEMPT)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.modelfactory.ledger..", "dev.modelfactory.studio..", "dev.modelfactory.app..",
                    "javafx..", "org.controlsfx..", "atlantafx..")
            .because("gpu-engine talks to the UI through plain listeners and knows nothing of the ledger")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule ledgerIsIndependent = noClasses().that().resideInAPackage("dev.modelfactory.ledger..")
            .and(NOT_EXEMPT)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.modelfactory.engine..", "dev.modelfactory.studio..", "dev.modelfactory.app..",
                    "javafx..", "org.controlsfx..", "atlantafx..")
            .because("ledger talks to the UI through plain listeners and knows nothing of the engine")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule studioDoesNotKnowTheApp = noClasses().that().resideInAPackage("dev.modelfactory.studio..")
            .and(NOT_EXEMPT)
            .should().dependOnClassesThat().resideInAPackage("dev.modelfactory.app..")
            .because("app is the composition root: app -> studio-ui -> {gpu-engine, ledger}")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyCudaTouchesJcuda = noClasses().that().resideOutsideOfPackage("dev.modelfactory.engine.cuda..")
            .and().resideInAPackage("dev.modelfactory..")
            .and(NOT_EXEMPT)
            .should().dependOnClassesThat().resideInAPackage("jcuda..")
            .because("only the cuda backend imports JCuda, so a machine without CUDA never loads it")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyStoreTouchesJdbc = noClasses().that().resideOutsideOfPackage("dev.modelfactory.ledger.store..")
            .and().resideInAPackage("dev.modelfactory..")
            .and(NOT_EXEMPT)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.h2..", "org.flywaydb..")
            .because("only ledger.store touches JDBC")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyChainOpensNetwork = noClasses().that().resideOutsideOfPackage("dev.modelfactory.ledger.chain..")
            .and().resideInAPackage("dev.modelfactory..")
            .and(NOT_EXEMPT)
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "okhttp3..", "org.web3j.protocol.http..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
            .because("only ledger.chain opens network connections: the studio works offline")
            .allowEmptyShould(true);
}
