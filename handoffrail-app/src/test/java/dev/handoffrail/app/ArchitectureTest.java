package dev.handoffrail.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.handoffrail.core.port.out.ContextSchemaValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of architecture.md, checked on the compiled production classes. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.handoffrail");
    }

    @Test
    void the_core_depends_on_nothing_outside_the_jdk() {
        noClasses().that().resideInAPackage("dev.handoffrail.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.javalin..", "org.jdbi..", "redis.clients..", "com.zaxxer..", "org.flywaydb..",
                        "com.fasterxml.jackson..", "io.micrometer..", "org.slf4j..", "ch.qos.logback..",
                        "org.eclipse.jetty..", "org.postgresql..", "org.sqlite..")
                .check(classes);
    }

    @Test
    void the_core_does_not_know_its_adapters() {
        noClasses().that().resideInAPackage("dev.handoffrail.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.handoffrail.http..", "dev.handoffrail.persistence..", "dev.handoffrail.app..")
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
     * of {@code core.port.out}) nor builds a service or an in-memory adapter. The JSON Schema validator is the one
     * driven adapter still living in the http module; it implements its port and is exempt until it moves.
     */
    @Test
    void http_calls_use_cases_never_driven_ports_or_services() {
        noClasses().that().resideInAPackage("dev.handoffrail.http..")
                .and().areNotAssignableTo(ContextSchemaValidator.class)
                .should().dependOnClassesThat(JavaClass.Predicates.INTERFACES
                        .and(JavaClass.Predicates.resideInAPackage("dev.handoffrail.core.port.out..")))
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.handoffrail.core.service..",
                        "dev.handoffrail.core.memory..")
                .check(classes);
    }
}
