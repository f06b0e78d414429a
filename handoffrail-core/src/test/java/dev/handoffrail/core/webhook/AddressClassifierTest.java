package dev.handoffrail.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressClassifierTest {

    /** Parses an IP literal (never a name lookup). */
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** An IPv6 address, even for the IPv4-mapped form that {@link InetAddress#getByName} turns into IPv4. */
    static InetAddress ipv6(String literal) {
        byte[] bytes = ip(literal).getAddress();
        if (bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 0.0.0.0/8", "0.255.255.255, 0.0.0.0/8",
        "10.0.0.0, 10.0.0.0/8", "10.255.255.255, 10.0.0.0/8",
        "100.64.0.0, 100.64.0.0/10", "100.127.255.255, 100.64.0.0/10",
        "127.0.0.1, 127.0.0.0/8", "127.255.255.255, 127.0.0.0/8",
        "169.254.0.0, 169.254.0.0/16", "169.254.169.254, 169.254.0.0/16", "169.254.255.255, 169.254.0.0/16",
        "172.16.0.0, 172.16.0.0/12", "172.31.255.255, 172.16.0.0/12",
        "192.0.0.0, 192.0.0.0/24", "192.0.0.255, 192.0.0.0/24",
        "192.0.2.0, 192.0.2.0/24", "192.0.2.255, 192.0.2.0/24",
        "192.168.0.0, 192.168.0.0/16", "192.168.255.255, 192.168.0.0/16",
        "198.18.0.0, 198.18.0.0/15", "198.19.255.255, 198.18.0.0/15",
        "198.51.100.0, 198.51.100.0/24", "198.51.100.255, 198.51.100.0/24",
        "203.0.113.0, 203.0.113.0/24", "203.0.113.255, 203.0.113.0/24",
        "224.0.0.0, 224.0.0.0/4", "239.255.255.255, 224.0.0.0/4",
        "240.0.0.0, 240.0.0.0/4", "255.255.255.255, 240.0.0.0/4"})
    void every_blocked_ipv4_range_is_refused_from_its_first_to_its_last_address(String address, String range) {
        assertThat(AddressClassifier.blockedReason(ip(address)))
                .contains(address + " is in blocked range " + range);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
        "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "191.255.255.255",
        "192.0.1.0", "192.0.3.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0",
        "198.51.99.255", "198.51.101.0", "203.0.112.255", "203.0.114.0", "223.255.255.255", "8.8.8.8",
        "1.1.1.1", "93.184.216.34"})
    void addresses_next_to_the_blocked_ipv4_ranges_are_allowed(String address) {
        assertThat(AddressClassifier.blockedReason(ip(address))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "::, :: is in blocked range ::/128",
        "::1, ::1 is in blocked range ::1/128",
        "fc00::, fc00:: is in blocked range fc00::/7",
        "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff is in blocked range "
                + "fc00::/7",
        "fe80::1, fe80::1 is in blocked range fe80::/10",
        "febf:ffff::1, febf:ffff::1 is in blocked range fe80::/10",
        "ff00::, ff00:: is in blocked range ff00::/8",
        "ff02::1, ff02::1 is in blocked range ff00::/8",
        "2001:db8::1, 2001:db8::1 is in blocked range 2001:db8::/32",
        "2001:0db8:ffff:ffff:ffff:ffff:ffff:ffff, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff is in blocked range "
                + "2001:db8::/32"})
    void every_blocked_ipv6_range_is_refused(String address, String reason) {
        assertThat(AddressClassifier.blockedReason(ip(address))).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::1", "fec0::1", "feff::1",
        "2001:db7:ffff::1", "2001:db9::1", "2606:4700:4700::1111", "2001:4860:4860::8888", "64:ff9a::a00:1",
        "2003::1"})
    void addresses_next_to_the_blocked_ipv6_ranges_are_allowed(String address) {
        assertThat(AddressClassifier.blockedReason(ip(address))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "::ffff:127.0.0.1|::ffff:127.0.0.1 is an IPv4-mapped address of 127.0.0.1, which is in blocked range "
                + "127.0.0.0/8",
        "::ffff:a9fe:a9fe|::ffff:169.254.169.254 is an IPv4-mapped address of 169.254.169.254, which is in blocked "
                + "range 169.254.0.0/16",
        "::127.0.0.1|::7f00:1 is an IPv4-compatible address of 127.0.0.1, which is in blocked range 127.0.0.0/8",
        "::2|::2 is an IPv4-compatible address of 0.0.0.2, which is in blocked range 0.0.0.0/8",
        "::10.1.2.3|::a01:203 is an IPv4-compatible address of 10.1.2.3, which is in blocked range 10.0.0.0/8",
        "64:ff9b::10.0.0.1|64:ff9b::a00:1 is a NAT64 address of 10.0.0.1, which is in blocked range 10.0.0.0/8",
        "64:ff9b::192.168.1.1|64:ff9b::c0a8:101 is a NAT64 address of 192.168.1.1, which is in blocked range "
                + "192.168.0.0/16",
        "2002:7f00:1::1|2002:7f00:1::1 is a 6to4 address of 127.0.0.1, which is in blocked range 127.0.0.0/8",
        "2002:a9fe:a9fe:ffff:ffff:ffff:ffff:ffff|2002:a9fe:a9fe:ffff:ffff:ffff:ffff:ffff is a 6to4 address of "
                + "169.254.169.254, which is in blocked range 169.254.0.0/16"})
    void ipv6_forms_embedding_a_blocked_ipv4_address_are_refused(String address, String reason) {
        assertThat(AddressClassifier.blockedReason(ipv6(address))).contains(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:8.8.8.8", "::8.8.8.8", "64:ff9b::8.8.8.8", "2002:808:808::1",
        "2002:5db8:d822::"})
    void ipv6_forms_embedding_a_public_ipv4_address_are_allowed(String address) {
        assertThat(AddressClassifier.blockedReason(ipv6(address))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"::ffff:127.0.0.1, 127.0.0.1 is in blocked range 127.0.0.0/8",
        "::ffff:10.9.8.7, 10.9.8.7 is in blocked range 10.0.0.0/8"})
    void a_mapped_literal_that_the_jdk_turns_into_ipv4_is_refused_as_ipv4(String literal, String reason) {
        assertThat(AddressClassifier.blockedReason(ip(literal))).contains(reason);
    }
}
