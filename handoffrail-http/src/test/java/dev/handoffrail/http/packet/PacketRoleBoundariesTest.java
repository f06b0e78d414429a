package dev.handoffrail.http.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.handoffrail.core.auth.Role;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.ApiHarness;
import dev.handoffrail.http.TestResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The permission matrix of http-api.md §3.4 for every packet endpoint and every role. */
class PacketRoleBoundariesTest {
    private static final String ID = StubPacketUseCases.KNOWN.toString();
    private static final String AGENT = "{\"agent_id\":\"a\",\"agent_name\":\"A\"}";
    private static ApiHarness api;

    @BeforeAll
    static void start() {
        api = ApiHarness.start(new StubPacketUseCases());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/packets", null, Role.READER),
                Arguments.of("GET", "/api/v1/packets/" + ID, null, Role.READER),
                Arguments.of("GET", "/api/v1/packets/awaiting", null, Role.READER),
                Arguments.of("GET", "/api/v1/packets/search?q=upgrade", null, Role.READER),
                Arguments.of("GET", "/api/v1/packets/" + ID + "/history", null, Role.READER),
                Arguments.of("POST", "/api/v1/packets/" + ID + "/claim", AGENT, Role.AGENT),
                Arguments.of("POST", "/api/v1/packets/claim-next", AGENT, Role.AGENT),
                Arguments.of("POST", "/api/v1/packets/batch/claim",
                        "{\"packet_ids\":[\"" + ID + "\"],\"agent_id\":\"a\",\"agent_name\":\"A\"}", Role.AGENT),
                Arguments.of("POST", "/api/v1/packets/" + ID + "/respond",
                        "{\"response\":\"ok\",\"responded_by\":\"m\"}", Role.AGENT),
                Arguments.of("PATCH", "/api/v1/packets/" + ID, "{}", Role.AGENT),
                Arguments.of("POST", "/api/v1/packets/batch/complete", "{\"packet_ids\":[\"" + ID + "\"]}",
                        Role.AGENT),
                Arguments.of("POST", "/api/v1/packets", PacketRoutesMappingTest.VALID, Role.WRITER),
                Arguments.of("POST", "/api/v1/packets/batch", "{\"packets\":[{}]}", Role.WRITER),
                Arguments.of("POST", "/api/v1/packets/" + ID + "/chain", PacketRoutesMappingTest.VALID, Role.WRITER),
                Arguments.of("DELETE", "/api/v1/packets/" + ID, null, Role.WRITER));
    }

    @ParameterizedTest(name = "{0} {1} needs {3}")
    @MethodSource("endpoints")
    void only_roles_at_or_above_the_minimum_pass(String method, String path, String body, Role minimum) {
        for (Role role : Role.values()) {
            TestResponse response = api.client.send(method, path, body, "X-API-Key", api.key(role, Tier.BUSINESS));

            if (role.atLeast(minimum)) {
                assertThat(response.status()).as(role + " " + response).isBetween(200, 299);
            } else {
                assertThat(response.status()).as(role.toString()).isEqualTo(403);
                assertThat(response.json()).containsEntry("required_role", minimum.wireName())
                        .containsEntry("current_role", role.wireName());
            }
        }
    }
}
