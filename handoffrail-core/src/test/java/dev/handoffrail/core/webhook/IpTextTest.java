package dev.handoffrail.core.webhook;

import static dev.handoffrail.core.webhook.AddressClassifierTest.ipv6;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTextTest {

    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "2001:0DB8:0000:0000:0000:FF00:0042:8329, 2001:db8::ff00:42:8329",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "1:0:1:1:1:1:1:1, 1:0:1:1:1:1:1:1",
        "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "0:0:0:0:0:ffff:7f00:1, ::ffff:127.0.0.1",
        "0:0:0:0:0:0:7f00:1, ::7f00:1"})
    void ipv6_addresses_are_written_in_the_canonical_form_of_rfc_5952(String literal, String canonical) {
        assertThat(IpText.of(ipv6(literal))).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1", "0.0.0.0", "255.255.255.255"})
    void ipv4_addresses_are_dotted_quads(String literal) {
        assertThat(IpText.of(AddressClassifierTest.ip(literal))).isEqualTo(literal);
    }
}
