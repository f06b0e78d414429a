package dev.handoffrail.http.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteTableTest {
    private final RouteTable table = new RouteTable();

    @BeforeEach
    void register() {
        table.add("GET", "/api/v1/packets/{packet_id}");
        table.add("PATCH", "/api/v1/packets/{packet_id}");
        table.add("DELETE", "/api/v1/packets/{packet_id}");
        table.add("GET", "/api/v1/packets/awaiting");
        table.add("POST", "/api/v1/packets/batch");
        table.add("POST", "/api/v1/packets/batch/claim");
        table.add("POST", "/api/v1/packets/{packet_id}/claim");
        table.add("GET", "/api/v1/packets");
        table.add("POST", "/api/v1/packets");
    }

    @Test
    void the_allowed_methods_of_a_literal_path_are_only_the_literal_routes() {
        assertThat(table.allowedMethods("/api/v1/packets/awaiting")).containsExactly("GET");
        assertThat(table.allowedMethods("/api/v1/packets/batch")).containsExactly("POST");
    }

    @Test
    void the_allowed_methods_of_an_id_path_are_listed_in_a_stable_order() {
        assertThat(table.allowedMethods("/api/v1/packets/0b0e")).containsExactly("GET", "PATCH", "DELETE");
        assertThat(table.allowedMethods("/api/v1/packets/")).containsExactly("GET", "POST");
    }

    @Test
    void an_unknown_path_allows_nothing() {
        assertThat(table.allowedMethods("/api/v1/nothing")).isEmpty();
        assertThat(table.allowedMethods("/api/v1/packets/a/b/c")).isEmpty();
    }

    @Test
    void a_parameter_route_yields_to_a_literal_route_on_the_same_path() {
        assertThat(table.shadowed("/api/v1/packets/{packet_id}", "/api/v1/packets/awaiting")).isTrue();
        assertThat(table.shadowed("/api/v1/packets/{packet_id}/claim", "/api/v1/packets/batch/claim")).isTrue();
        assertThat(table.shadowed("/api/v1/packets/{packet_id}", "/api/v1/packets/0b0e")).isFalse();
        assertThat(table.shadowed("/api/v1/packets/awaiting", "/api/v1/packets/awaiting/")).isFalse();
    }

    @Test
    void literal_templates_sort_before_parameter_templates() {
        assertThat(RouteTable.MOST_LITERAL_FIRST.compare("/a/literal", "/a/{id}")).isNegative();
        assertThat(RouteTable.MOST_LITERAL_FIRST.compare("/a/{id}/x", "/a/batch/x")).isPositive();
        assertThat(RouteTable.MOST_LITERAL_FIRST.compare("/a/{id}", "/a/{other}")).isZero();
    }
}
