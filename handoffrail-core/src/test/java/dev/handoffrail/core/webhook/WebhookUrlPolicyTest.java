package dev.handoffrail.core.webhook;

import static dev.handoffrail.core.webhook.AddressClassifierTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.port.out.HostResolver;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlPolicyTest {
    private static final Pattern LITERAL = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*|[0-9]+(\\.[0-9]+){3}");
    private static final InetAddress PUBLIC = ip("93.184.216.34");
    private static final InetAddress PUBLIC_2 = ip("2606:2800:220:1:248:1893:25c8:1946");

    /** Fixed answers, no DNS: names from the map, IP literals parsed, anything else unknown. Records each call. */
    private final Map<String, List<InetAddress>> dns = new HashMap<>(Map.of(
            "hooks.example.com", List.of(PUBLIC, PUBLIC_2),
            "rebind.example.com", List.of(PUBLIC, ip("10.0.0.7")),
            "v6.example.com", List.of(PUBLIC_2, ip("fd00::1")),
            "empty.example.com", List.of()));
    private final List<String> lookups = new ArrayList<>();
    private final HostResolver resolver = host -> {
        lookups.add(host);
        if (dns.containsKey(host)) {
            return dns.get(host);
        }
        if (LITERAL.matcher(host).matches()) {
            return List.of(ip(host));
        }
        throw new UnknownHostException(host);
    };

    private WebhookUrlPolicy production(String... allowedHosts) {
        return new WebhookUrlPolicy(false, Set.of(allowedHosts), resolver);
    }

    private static HandoffRailException refusal(WebhookUrlPolicy policy, String url) {
        return catchThrowableOfType(HandoffRailException.class, () -> policy.checkRegistration(url));
    }

    @Test
    void an_https_url_resolving_only_to_public_addresses_is_accepted() {
        URI uri = production().checkRegistration("https://hooks.example.com/handoffrail");

        assertThat(uri).isEqualTo(URI.create("https://hooks.example.com/handoffrail"));
        assertThat(lookups).containsExactly("hooks.example.com");
    }

    @Test
    void the_scheme_and_host_are_matched_case_insensitively_and_without_a_trailing_dot() {
        production().checkRegistration("HTTPS://Hooks.Example.COM.:8443/x?y=1#z");

        assertThat(lookups).containsExactly("hooks.example.com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "NULL|url: field is required",
        "not a url|url: is not a valid URL",
        "https://hooks.example.com/a b|url: is not a valid URL",
        "/relative/path|url: must be an absolute URL",
        "hooks.example.com/handoffrail|url: must be an absolute URL",
        "https:///path|url: must be an absolute URL with a host",
        "https://hooks_1.example.com/|url: must be an absolute URL with a host",
        "https://user:secret@hooks.example.com/|url: must not contain user info",
        "https://user@hooks.example.com/|url: must not contain user info",
        "https://@hooks.example.com/|url: must not contain user info",
        "https://hooks.example.com:99999/|url: is not a valid URL"})
    void malformed_urls_are_validation_errors_on_the_url_field(String url, String detail) {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> production().checkRegistration(url));

        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
        assertThat(e.field()).isEqualTo("url");
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(lookups).isEmpty();
    }

    @Test
    void a_url_of_2048_characters_is_accepted_and_one_of_2049_is_not() {
        String base = "https://hooks.example.com/";
        String longest = base + "a".repeat(2048 - base.length());

        assertThat(production().checkRegistration(longest).toString()).hasSize(2048);
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> production().checkRegistration(longest + "a"));
        assertThat(e.detail()).isEqualTo("url: must be at most 2048 characters");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://hooks.example.com/|scheme 'ftp' is not allowed",
        "file:///etc/passwd|scheme 'file' is not allowed",
        "javascript:alert(1)|scheme 'javascript' is not allowed",
        "gopher://127.0.0.1:6379/_INFO|scheme 'gopher' is not allowed",
        "http://hooks.example.com/|http is only allowed in development or for allow-listed hosts",
        "https://localhost/|host 'localhost' is not allowed",
        "https://LOCALHOST.:8080/|host 'localhost' is not allowed",
        "https://api.localhost/|host 'api.localhost' is not allowed",
        "https://metadata/|host 'metadata' is not allowed",
        "https://metadata.google.internal/computeMetadata/v1/|host 'metadata.google.internal' is not allowed",
        "https://Metadata.Google.Internal./|host 'metadata.google.internal' is not allowed",
        "https://db.prod.internal/|host 'db.prod.internal' is not allowed",
        "https://nowhere.example.com/|host 'nowhere.example.com' could not be resolved",
        "https://empty.example.com/|host 'empty.example.com' could not be resolved",
        "https://rebind.example.com/|10.0.0.7 is in blocked range 10.0.0.0/8",
        "https://v6.example.com/|fd00::1 is in blocked range fc00::/7",
        "https://127.0.0.1/|127.0.0.1 is in blocked range 127.0.0.0/8",
        "https://169.254.169.254/latest/meta-data/|169.254.169.254 is in blocked range 169.254.0.0/16",
        "https://[::1]:8080/|::1 is in blocked range ::1/128",
        "https://[0:0:0:0:0:0:0:1]/|::1 is in blocked range ::1/128",
        "https://[::ffff:127.0.0.1]/|127.0.0.1 is in blocked range 127.0.0.0/8",
        "https://[64:ff9b::a9fe:a9fe]/|64:ff9b::a9fe:a9fe is a NAT64 address of 169.254.169.254, which is in "
                + "blocked range 169.254.0.0/16"})
    void refused_urls_are_url_not_allowed_with_the_reason(String url, String reason) {
        HandoffRailException e = refusal(production(), url);

        assertThat(e.code()).isEqualTo(ErrorCode.URL_NOT_ALLOWED);
        assertThat(e.detail()).isEqualTo("Webhook URL blocked: " + reason);
        assertThat(e.field()).isEqualTo("url");
    }

    @Test
    void refused_host_names_are_never_resolved() {
        refusal(production(), "https://metadata.google.internal/");

        assertThat(lookups).isEmpty();
    }

    @Test
    void development_allows_http_but_not_internal_hosts() {
        WebhookUrlPolicy development = new WebhookUrlPolicy(true, Set.of(), resolver);

        assertThat(development.checkRegistration("http://hooks.example.com/x")).hasScheme("http");
        assertThat(refusal(development, "http://localhost:3000/").detail())
                .isEqualTo("Webhook URL blocked: host 'localhost' is not allowed");
        assertThat(refusal(development, "http://10.1.1.1/").detail())
                .isEqualTo("Webhook URL blocked: 10.1.1.1 is in blocked range 10.0.0.0/8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/hook", "http://LOCALHOST./hook", "https://api.localhost/",
        "http://127.0.0.1:9000/", "http://[::1]/", "http://[0:0:0:0:0:0:0:1]:81/", "https://svc.internal/",
        "http://10.0.0.5/"})
    void allow_listed_hosts_skip_the_name_and_address_rules_and_may_use_http(String url) {
        WebhookUrlPolicy policy = production("localhost", "api.localhost.", "127.0.0.1", "[::1]", "SVC.Internal",
                " 10.0.0.5 ");

        assertThat(policy.checkRegistration(url)).isEqualTo(URI.create(url));
        assertThat(lookups).isEmpty();
    }

    @Test
    void an_ipv6_allow_list_entry_matches_any_notation_of_the_same_address() {
        WebhookUrlPolicy policy = production("0:0::1");

        assertThat(policy.checkRegistration("http://[::1]/")).hasHost("[::1]");
    }

    @Test
    void an_ipv4_mapped_literal_does_not_match_an_ipv4_entry() {
        WebhookUrlPolicy policy = production("127.0.0.1");

        assertThat(refusal(policy, "http://[::ffff:127.0.0.1]/").detail())
                .isEqualTo("Webhook URL blocked: http is only allowed in development or for allow-listed hosts");
        assertThat(refusal(policy, "https://[::ffff:127.0.0.1]/").detail())
                .isEqualTo("Webhook URL blocked: 127.0.0.1 is in blocked range 127.0.0.0/8");
    }

    @Test
    void an_ipv4_mapped_entry_matches_only_the_mapped_literal() {
        WebhookUrlPolicy policy = production("[::FFFF:127.0.0.1]");

        assertThat(policy.checkRegistration("http://[::ffff:7f00:1]/")).hasScheme("http");
        assertThat(refusal(policy, "http://127.0.0.1/").code()).isEqualTo(ErrorCode.URL_NOT_ALLOWED);
    }

    @Test
    void an_allow_listed_host_still_needs_a_web_scheme() {
        assertThat(refusal(production("localhost"), "ftp://localhost/").detail())
                .isEqualTo("Webhook URL blocked: scheme 'ftp' is not allowed");
    }

    @Test
    void a_delivery_connects_to_the_first_checked_address() {
        DeliveryTarget target = production().checkDelivery(URI.create("https://hooks.example.com/handoffrail"));

        assertThat(target.allowed()).isTrue();
        assertThat(target.address()).contains(PUBLIC);
        assertThat(target.refusal()).isEmpty();
    }

    @Test
    void every_delivery_resolves_again_so_a_rebound_name_is_refused() {
        WebhookUrlPolicy policy = production();
        URI url = policy.checkRegistration("https://hooks.example.com/handoffrail");
        dns.put("hooks.example.com", List.of(ip("192.168.1.20")));

        DeliveryTarget target = policy.checkDelivery(url);

        assertThat(target.allowed()).isFalse();
        assertThat(target.address()).isEmpty();
        assertThat(target.refusal()).contains("192.168.1.20 is in blocked range 192.168.0.0/16");
        assertThat(lookups).containsExactly("hooks.example.com", "hooks.example.com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://hooks.example.com/|http is only allowed in development or for allow-listed hosts",
        "mailto:ops@example.com|scheme 'mailto' is not allowed",
        "https:///nohost|URL has no host",
        "https://localhost/|host 'localhost' is not allowed",
        "https://nowhere.example.com/|host 'nowhere.example.com' could not be resolved",
        "https://[fe80::1]/|fe80::1 is in blocked range fe80::/10"})
    void a_delivery_to_a_refused_url_carries_the_reason(String url, String reason) {
        DeliveryTarget target = production().checkDelivery(URI.create(url));

        assertThat(target.allowed()).isFalse();
        assertThat(target.refusal()).contains(reason);
    }

    @Test
    void a_delivery_to_an_allow_listed_host_is_pinned_to_its_resolved_address_without_checks() {
        dns.put("receiver.local", List.of(ip("10.0.0.9")));

        DeliveryTarget target = production("receiver.local").checkDelivery(URI.create("http://receiver.local:8080/"));

        assertThat(target.address()).contains(ip("10.0.0.9"));
    }

    @Test
    void a_delivery_to_an_allow_listed_host_that_does_not_resolve_is_refused() {
        DeliveryTarget target = production("gone.example").checkDelivery(URI.create("https://gone.example/"));

        assertThat(target.refusal()).contains("host 'gone.example' could not be resolved");
    }

    @Test
    void the_policy_takes_environment_and_allow_list_from_the_settings() {
        RailSettings defaults = RailSettings.defaults();
        RailSettings production = new RailSettings(defaults.tiers(), defaults.defaultTier(), defaults.packetTtl(),
                false, defaults.webhookRetryDelays(), defaults.webhookTimeout(), Set.of("localhost"),
                defaults.rateLimitPerMinute(), defaults.authFailuresPerMinute());

        assertThat(WebhookUrlPolicy.from(defaults, resolver).checkRegistration("http://hooks.example.com/"))
                .hasScheme("http");
        assertThat(refusal(WebhookUrlPolicy.from(production, resolver), "http://hooks.example.com/").code())
                .isEqualTo(ErrorCode.URL_NOT_ALLOWED);
        assertThat(WebhookUrlPolicy.from(production, resolver).checkRegistration("http://localhost/"))
                .hasHost("localhost");
    }
}
