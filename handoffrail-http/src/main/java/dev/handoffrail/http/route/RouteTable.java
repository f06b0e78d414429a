package dev.handoffrail.http.route;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every registered (method, path template) pair, deciding what the router alone cannot: literal segments win over
 * path parameters for every method (http-api.md §1.1), so {@code DELETE /api/v1/packets/awaiting} is a 405 of the
 * literal route, never a delete of packet "awaiting"; and the {@code Allow} header of a 405. Trailing slashes are
 * insignificant. Filled while configuring, read-only afterwards.
 */
final class RouteTable {
    /** Orders templates so that, at the first segment where they differ in kind, the literal one comes first. */
    static final Comparator<String> MOST_LITERAL_FIRST = RouteTable::compareSpecificity;

    private static final List<String> METHOD_ORDER = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final List<Entry> entries = new ArrayList<>();

    void add(String method, String template) {
        entries.add(new Entry(method, template, segments(template)));
    }

    /** The methods of the most literal templates matching {@code path}; empty when no template matches. */
    List<String> allowedMethods(String path) {
        List<Entry> best = best(segments(path));
        Set<String> methods = new LinkedHashSet<>();
        for (String method : METHOD_ORDER) {
            for (Entry entry : best) {
                if (entry.method().equals(method)) {
                    methods.add(method);
                }
            }
        }
        best.forEach(entry -> methods.add(entry.method()));
        return List.copyOf(methods);
    }

    /** Whether a more literal template than {@code template} matches {@code path}, so {@code template} must yield. */
    boolean shadowed(String template, String path) {
        List<Entry> best = best(segments(path));
        return !best.isEmpty() && compareSpecificity(best.get(0).template(), template) < 0;
    }

    private List<Entry> best(String[] path) {
        List<Entry> matching = new ArrayList<>();
        for (Entry entry : entries) {
            if (matches(entry.segments(), path)) {
                matching.add(entry);
            }
        }
        if (matching.isEmpty()) {
            return matching;
        }
        matching.sort(Comparator.comparing(Entry::template, MOST_LITERAL_FIRST));
        String top = matching.get(0).template();
        matching.removeIf(entry -> compareSpecificity(entry.template(), top) != 0);
        return matching;
    }

    private static boolean matches(String[] template, String[] path) {
        if (template.length != path.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            if (!isParameter(template[i]) && !template[i].equals(path[i])) {
                return false;
            }
            if (isParameter(template[i]) && path[i].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static int compareSpecificity(String left, String right) {
        String[] a = segments(left);
        String[] b = segments(right);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            boolean aParam = isParameter(a[i]);
            boolean bParam = isParameter(b[i]);
            if (aParam != bParam) {
                return aParam ? 1 : -1;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String[] segments(String path) {
        String trimmed = path;
        while (trimmed.length() > 1 && trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String[] parts = trimmed.split("/", -1);
        return Arrays.copyOfRange(parts, 1, parts.length);
    }

    private record Entry(String method, String template, String[] segments) {
    }
}
