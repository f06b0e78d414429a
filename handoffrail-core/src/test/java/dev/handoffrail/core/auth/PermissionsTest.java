package dev.handoffrail.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PermissionsTest {
    /** http-api.md §3.4, written out independently of {@link Operation}'s own table. */
    private static final Map<Operation, Role> MINIMUM = new EnumMap<>(Map.ofEntries(
            Map.entry(Operation.READ_PACKETS, Role.READER),
            Map.entry(Operation.CLAIM_PACKET, Role.AGENT),
            Map.entry(Operation.RESPOND_TO_CHECKPOINT, Role.AGENT),
            Map.entry(Operation.UPDATE_PACKET, Role.AGENT),
            Map.entry(Operation.COMPLETE_PACKETS, Role.AGENT),
            Map.entry(Operation.CREATE_PACKET, Role.WRITER),
            Map.entry(Operation.DELETE_PACKET, Role.WRITER),
            Map.entry(Operation.READ_SCHEMAS, Role.READER),
            Map.entry(Operation.REGISTER_SCHEMA, Role.WRITER),
            Map.entry(Operation.MANAGE_WEBHOOKS, Role.WRITER),
            Map.entry(Operation.RETRY_ALL_DELIVERIES, Role.ADMIN),
            Map.entry(Operation.READ_AUDIT, Role.READER),
            Map.entry(Operation.EXPORT_AUDIT, Role.ADMIN),
            Map.entry(Operation.READ_STATS, Role.READER),
            Map.entry(Operation.MANAGE_KEYS, Role.ADMIN),
            Map.entry(Operation.MANAGE_TENANTS, Role.ADMIN),
            Map.entry(Operation.READ_SYSTEM_HEALTH, Role.ADMIN),
            Map.entry(Operation.SUBSCRIBE_EVENTS, Role.READER)));
    private static final Set<Operation> PLATFORM_ADMIN_ONLY =
            Set.of(Operation.MANAGE_TENANTS, Operation.READ_SYSTEM_HEALTH);
    private static final List<Role> BY_LEVEL = List.of(Role.READER, Role.AGENT, Role.WRITER, Role.ADMIN);

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Operation operation : Operation.values()) {
            for (Role role : Role.values()) {
                for (boolean platformAdmin : new boolean[] {false, true}) {
                    cases.add(Arguments.of(operation, role, platformAdmin));
                }
            }
        }
        return cases.stream();
    }

    @Test
    void the_expected_matrix_names_every_operation() {
        assertThat(MINIMUM.keySet()).containsExactlyInAnyOrder(Operation.values());
    }

    @ParameterizedTest(name = "{0} as {1}, platform admin {2}")
    @MethodSource("matrix")
    void every_operation_role_and_platform_flag_gets_the_documented_answer(Operation operation, Role role,
                                                                         boolean platformAdmin) {
        Caller caller = new Caller(new TenantId("acme"), ApiKeyId.random(), "hr_Qm3xZ", role, platformAdmin);
        Role minimum = MINIMUM.get(operation);
        boolean platformRefused = PLATFORM_ADMIN_ONLY.contains(operation) && !platformAdmin;
        boolean roleRefused = BY_LEVEL.indexOf(role) < BY_LEVEL.indexOf(minimum);

        if (!platformRefused && !roleRefused) {
            assertThatCode(() -> Permissions.require(caller, operation)).doesNotThrowAnyException();
            assertThat(Permissions.allows(caller, operation)).isTrue();
            return;
        }
        HandoffRailException e = catchThrowableOfType(HandoffRailException.class,
                () -> Permissions.require(caller, operation));
        assertThat(Permissions.allows(caller, operation)).isFalse();
        assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
        if (platformRefused) {
            assertThat(e.detail()).isEqualTo("Platform admin required");
            assertThat(e.extras()).isEmpty();
        } else {
            String required = minimum.name().toLowerCase();
            String current = role.name().toLowerCase();
            assertThat(e.detail()).isEqualTo("Insufficient permissions. Required role: " + required
                    + ", current role: " + current);
            assertThat(e.extras()).containsExactly(Map.entry("required_role", required),
                    Map.entry("current_role", current));
        }
    }

    @Test
    void the_documented_example_of_a_reader_creating_a_packet() {
        Caller reader = new Caller(new TenantId("acme"), ApiKeyId.random(), "hr_Qm3xZ", Role.READER, false);

        HandoffRailException e = catchThrowableOfType(HandoffRailException.class,
                () -> Permissions.require(reader, Operation.CREATE_PACKET));

        assertThat(e.detail()).isEqualTo("Insufficient permissions. Required role: writer, current role: reader");
        assertThat(e.extras()).containsExactly(Map.entry("required_role", "writer"),
                Map.entry("current_role", "reader"));
    }

    @Test
    void a_system_caller_is_an_admin_but_not_a_platform_admin() {
        Caller system = Caller.system(new TenantId("acme"));

        assertThat(Permissions.allows(system, Operation.RETRY_ALL_DELIVERIES)).isTrue();
        assertThat(Permissions.allows(system, Operation.MANAGE_TENANTS)).isFalse();
    }
}
