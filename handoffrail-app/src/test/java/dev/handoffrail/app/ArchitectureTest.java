package dev.handoffrail.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of architecture.md, checked on the compiled production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // the core's test fixtures jar (on the class path once the reactor has packaged it)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.handoffrail");
    }

    @Test
    void the_core_depends_on_the_jdk_and_itself_only() {
        classes().that().resideInAPackage("dev.handoffrail.core..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "dev.handoffrail.core..")
                .check(classes);
    }

    /** The client library is for other people's JVMs: the JDK and Jackson only, nothing else of ours. */
    @Test
    void the_client_depends_on_the_jdk_and_jackson_only() {
        classes().that().resideInAPackage("dev.handoffrail.client..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..",
                        "com.fasterxml.jackson..", "dev.handoffrail.client..")
                .check(classes);
    }

    @Test
    void nothing_but_the_app_depends_on_the_client() {
        noClasses().that().resideInAnyPackage("dev.handoffrail.core..", "dev.handoffrail.http..",
                        "dev.handoffrail.persistence..", "dev.handoffrail.adapters..")
                .should().dependOnClassesThat().resideInAPackage("dev.handoffrail.client..")
                .check(classes);
    }

    @Test
    void the_adapters_module_depends_on_the_core_only() {
        noClasses().that().resideInAPackage("dev.handoffrail.adapters..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.handoffrail.http..",
                        "dev.handoffrail.persistence..", "dev.handoffrail.app..", "io.javalin..", "org.jdbi..",
                        "com.zaxxer..", "org.flywaydb..", "redis.clients..", "io.micrometer..")
                .check(classes);
    }

    @Test
    void only_the_app_wires_the_adapters_module() {
        noClasses().that().resideInAnyPackage("dev.handoffrail.core..", "dev.handoffrail.http..",
                        "dev.handoffrail.persistence..")
                .should().dependOnClassesThat().resideInAPackage("dev.handoffrail.adapters..")
                .check(classes);
    }

    @Test
    void http_never_depends_on_persistence() {
        noClasses().that().resideInAPackage("dev.handoffrail.http..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.handoffrail.persistence..",
                        "dev.handoffrail.app..", "org.jdbi..", "com.zaxxer..", "org.flywaydb..", "redis.clients..")
                .check(classes);
    }

    @Test
    void persistence_never_depends_on_http() {
        noClasses().that().resideInAPackage("dev.handoffrail.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.handoffrail.http..",
                        "dev.handoffrail.app..", "io.javalin..", "io.micrometer..")
                .check(classes);
    }

    /**
     * The HTTP adapter drives the core through its use cases only: it never calls a driven port (the interfaces
     * of {@code core.port.out}) nor builds a service or an in-memory adapter.
     */
    @Test
    void http_calls_use_cases_never_driven_ports_or_services() {
        noClasses().that().resideInAPackage("dev.handoffrail.http..")
                .should().dependOnClassesThat(JavaClass.Predicates.INTERFACES
                        .and(JavaClass.Predicates.resideInAPackage("dev.handoffrail.core.port.out..")))
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.handoffrail.core.service..",
                        "dev.handoffrail.core.memory..")
                .check(classes);
    }
}
