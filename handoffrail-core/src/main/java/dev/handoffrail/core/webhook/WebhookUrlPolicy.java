package dev.handoffrail.core.webhook;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.port.out.HostResolver;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The webhook URL rules (http-api.md §11.1, §18.6), applied at registration and again before every attempt:
 * shape, scheme, refused host names, and every resolved address outside the blocked ranges; allow-listed hosts
 * skip the name and address rules and may use {@code http}. Thread-safe if its {@link HostResolver} is.
 */
public final class WebhookUrlPolicy {
    public static final int MAX_URL_LENGTH = 2048;

    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-f:][0-9a-f:.]*");

    private final boolean developmentEnvironment;
    private final Set<String> allowedHosts;
    private final HostResolver resolver;

    /** {@code allowedHosts} are host names or IP literals, matched after the same normalisation as URL hosts. */
    public WebhookUrlPolicy(boolean developmentEnvironment, Set<String> allowedHosts, HostResolver resolver) {
        this.developmentEnvironment = developmentEnvironment;
        this.allowedHosts = allowedHosts.stream().map(String::strip).filter(host -> !host.isEmpty())
                .map(WebhookUrlPolicy::normaliseHost).collect(Collectors.toUnmodifiableSet());
        this.resolver = requireNonNull(resolver, "resolver");
    }

    public static WebhookUrlPolicy from(RailSettings settings, HostResolver resolver) {
        return new WebhookUrlPolicy(settings.developmentEnvironment(), settings.webhookAllowedHosts(), resolver);
    }

    /**
     * Parses and checks a URL being registered. A URL that does not parse, is not absolute, is longer than 2048
     * characters or has user info is a {@link ValidationException} on {@code url}; a refused scheme, host or
     * address is {@code URL_NOT_ALLOWED} with {@code Webhook URL blocked: <reason>}.
     */
    public URI checkRegistration(String url) {
        URI uri = parse(url);
        Optional<String> refusal = schemeRefusal(uri.getScheme(), true);
        if (refusal.isEmpty()) {
            requireHostWithoutUserInfo(uri);
            if (!allowedHosts.contains(normaliseHost(uri.getHost()))) {
                refusal = checkDelivery(uri).refusal();
            }
        }
        if (refusal.isPresent()) {
            throw new HandoffRailException(ErrorCode.URL_NOT_ALLOWED, "Webhook URL blocked: " + refusal.get(), "url",
                    List.of(), Map.of());
        }
        return uri;
    }

    /** Re-checks a registered URL before an attempt, resolving it afresh, and picks the address to connect to. */
    public DeliveryTarget checkDelivery(URI url) {
        String host = url.getHost() == null ? null : normaliseHost(url.getHost());
        boolean allowListed = host != null && allowedHosts.contains(host);
        Optional<String> schemeRefusal = schemeRefusal(url.getScheme(), allowListed);
        if (schemeRefusal.isPresent()) {
            return DeliveryTarget.refused(schemeRefusal.get());
        }
        if (host == null) {
            return DeliveryTarget.refused("URL has no host");
        }
        if (!allowListed && isRefusedName(host)) {
            return DeliveryTarget.refused("host '" + host + "' is not allowed");
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            addresses = List.of();
        }
        if (addresses.isEmpty()) {
            return DeliveryTarget.refused("host '" + host + "' could not be resolved");
        }
        if (!allowListed) {
            for (InetAddress address : addresses) {
                Optional<String> blocked = AddressClassifier.blockedReason(address);
                if (blocked.isPresent()) {
                    return DeliveryTarget.refused(blocked.get());
                }
            }
        }
        return DeliveryTarget.pinned(addresses.get(0));
    }

    private static URI parse(String url) {
        if (url == null) {
            throw ValidationException.of("url", "field is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw ValidationException.of("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ValidationException.of("url", "is not a valid URL");
        }
        if (!uri.isAbsolute()) {
            throw ValidationException.of("url", "must be an absolute URL");
        }
        return uri;
    }

    private static void requireHostWithoutUserInfo(URI uri) {
        if (uri.getHost() == null) {
            throw ValidationException.of("url", "must be an absolute URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw ValidationException.of("url", "must not contain user info");
        }
        if (uri.getPort() > 65_535) {
            throw ValidationException.of("url", "is not a valid URL");
        }
    }

    private Optional<String> schemeRefusal(String rawScheme, boolean allowListed) {
        String scheme = rawScheme == null ? "" : rawScheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("scheme '" + scheme + "' is not allowed");
        }
        if (scheme.equals("http") && !developmentEnvironment && !allowListed) {
            return Optional.of("http is only allowed in development or for allow-listed hosts");
        }
        return Optional.empty();
    }

    private static boolean isRefusedName(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("metadata")
                || host.endsWith(".internal");
    }

    /** Lower case, brackets and trailing dots removed, IPv6 literals in canonical form. */
    static String normaliseHost(String host) {
        String normalised = host.toLowerCase(Locale.ROOT);
        if (normalised.startsWith("[") && normalised.endsWith("]")) {
            normalised = normalised.substring(1, normalised.length() - 1);
        }
        while (normalised.endsWith(".")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        return normalised.contains(":") && IPV6_LITERAL.matcher(normalised).matches()
                ? canonicalIpv6(normalised) : normalised;
    }

    private static String canonicalIpv6(String literal) {
        try {
            // the pattern guarantees an IP literal, so this never performs a name lookup
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet4Address) {
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(address.getAddress(), 0, mapped, 12, 4);
                return IpText.of(mapped);
            }
            return IpText.of(address);
        } catch (UnknownHostException e) {
            return literal;
        }
    }
}
