package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ErrorAssertions.assertError;
import static dev.handoffrail.core.service.ErrorAssertions.assertFieldError;
import static dev.handoffrail.core.service.TestRail.caller;
import static dev.handoffrail.core.testing.Fixtures.ACME;
import static dev.handoffrail.core.testing.Fixtures.GLOBEX;
import static dev.handoffrail.core.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.port.in.ManageSchemasUseCase.SchemaPage;
import dev.handoffrail.core.port.out.ContextSchemaValidator;
import dev.handoffrail.core.schema.SchemaDefinition;
import dev.handoffrail.core.schema.SchemaId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SchemaServiceTest {
    private static final Map<String, Object> OBJECT_SCHEMA = Map.of("type", "object");

    /** Compiles any schema whose {@code type} is a string other than {@code bogus}. */
    private static final ContextSchemaValidator VALIDATOR = new ContextSchemaValidator() {
        @Override
        public String compileError(Map<String, Object> jsonSchema) {
            return "bogus".equals(jsonSchema.get("type")) ? "unknown type 'bogus'" : null;
        }

        @Override
        public List<FieldError> validate(Map<String, Object> jsonSchema, Map<String, Object> contextJson) {
            return List.of();
        }
    };

    private final TestRail rail = new TestRail();
    private final SchemaService service = new SchemaService(rail.schemaPorts(VALIDATOR));
    private final Caller writer = caller(ACME, Role.WRITER);

    @Test
    void a_registered_schema_defaults_to_version_one_and_is_audited() {
        SchemaDefinition schema = service.register(writer, "payment-context", null, OBJECT_SCHEMA);

        assertThat(schema.name()).isEqualTo("payment-context");
        assertThat(schema.version()).isEqualTo(1);
        assertThat(schema.tenant()).isEqualTo(ACME);
        assertThat(schema.jsonSchema()).isEqualTo(OBJECT_SCHEMA);
        assertThat(schema.createdAt()).isEqualTo(T0);
        assertThat(service.get(writer, schema.id())).isEqualTo(schema);
        AuditEntry entry = rail.onlyAuditEntry(ACME);
        assertThat(entry.resource()).isEqualTo(AuditResource.SCHEMA);
        assertThat(entry.action()).isEqualTo("schema.created");
        assertThat(entry.resourceId()).isEqualTo(schema.id().toString());
        assertThat(entry.details()).containsOnly(entry("name", "payment-context"), entry("version", 1));
    }

    @Test
    void registering_needs_a_writer_and_reading_a_reader() {
        assertError(() -> service.register(caller(ACME, Role.AGENT), "s", 1, OBJECT_SCHEMA), ErrorCode.FORBIDDEN,
                "Insufficient permissions. Required role: writer, current role: agent");

        assertThat(service.list(caller(ACME, Role.READER), null, 50, 0).total()).isZero();
    }

    @Test
    void name_version_and_schema_are_validated() {
        assertFieldError(() -> service.register(writer, "", 1, OBJECT_SCHEMA), "name", "must not be empty");
        assertFieldError(() -> service.register(writer, "s".repeat(129), 1, OBJECT_SCHEMA), "name",
                "must be at most 128 characters");
        assertFieldError(() -> service.register(writer, "s", 0, OBJECT_SCHEMA), "version", "must be at least 1");
        assertFieldError(() -> service.register(writer, "s", 1, null), "json_schema", "field is required");
    }

    @Test
    void a_schema_without_type_is_invalid() {
        assertInvalidSchema(() -> service.register(writer, "s", 1, Map.of("properties", Map.of())),
                "json_schema must contain 'type'");
    }

    @Test
    void a_schema_that_does_not_compile_is_invalid_with_the_validators_reason() {
        assertInvalidSchema(() -> service.register(writer, "s", 1, Map.of("type", "bogus")),
                "Invalid JSON Schema: unknown type 'bogus'");
        assertThat(service.list(writer, null, 50, 0).total()).isZero();
    }

    @Test
    void without_a_validator_no_schema_can_be_registered() {
        SchemaService unavailable = new SchemaService(rail.schemaPorts(null));

        assertInvalidSchema(() -> unavailable.register(writer, "s", 1, OBJECT_SCHEMA),
                "JSON Schema validation is not available");
    }

    @Test
    void a_duplicate_name_and_version_is_a_conflict_within_one_tenant_only() {
        service.register(writer, "ticket", 2, OBJECT_SCHEMA);

        assertError(() -> service.register(writer, "ticket", 2, OBJECT_SCHEMA), ErrorCode.CONFLICT,
                "Schema 'ticket' version 2 already exists");
        assertThat(service.register(caller(GLOBEX, Role.WRITER), "ticket", 2, OBJECT_SCHEMA).tenant())
                .isEqualTo(GLOBEX);
        assertThat(service.register(writer, "ticket", 3, OBJECT_SCHEMA).version()).isEqualTo(3);
    }

    @Test
    void listing_is_newest_first_filtered_by_name_and_paged_with_a_total() {
        SchemaDefinition first = service.register(writer, "ticket", 1, OBJECT_SCHEMA);
        rail.clock.advance(Duration.ofSeconds(1));
        SchemaDefinition other = service.register(writer, "invoice", 1, OBJECT_SCHEMA);
        rail.clock.advance(Duration.ofSeconds(1));
        SchemaDefinition second = service.register(writer, "ticket", 2, OBJECT_SCHEMA);

        assertThat(service.list(writer, null, 50, 0).schemas()).containsExactly(second, other, first);
        SchemaPage tickets = service.list(writer, "ticket", 1, 1);
        assertThat(tickets.schemas()).containsExactly(first);
        assertThat(tickets.total()).isEqualTo(2);
    }

    @Test
    void another_tenants_schema_is_not_found() {
        SchemaDefinition foreign = service.register(caller(GLOBEX, Role.WRITER), "ticket", 1, OBJECT_SCHEMA);
        SchemaId unknown = SchemaId.random();

        assertError(() -> service.get(writer, foreign.id()), ErrorCode.NOT_FOUND,
                "Schema " + foreign.id() + " not found");
        assertError(() -> service.get(writer, unknown), ErrorCode.NOT_FOUND, "Schema " + unknown + " not found");
    }

    private static void assertInvalidSchema(ThrowingCallable call, String detail) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HandoffRailException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SCHEMA);
            assertThat(e.detail()).isEqualTo(detail);
            assertThat(e.field()).isEqualTo("json_schema");
        });
    }
}
