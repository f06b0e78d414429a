package dev.handoffrail.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of hostile requests: valid request bodies of the API with random mutations (wrong types,
 * huge and deep values, odd Unicode including NUL and unpaired surrogates, duplicate keys, truncated or invalid
 * UTF-8 text), wrong content types, bad paths, query parameters and headers, on every method. The same seed gives
 * the same requests. Not thread-safe (one per thread).
 */
final class BadRequests {
    private static final String[] ODD_TEXT = {"\u0000", "a\u0000b", "\uD800", "x\uDBFFy", "\uDC00z", "\uFFFF",
        "\uFFFE", "\u202Eevil", "\u200B", "\uD83D\uDE00", "e\u0301", "\u0085", "\u2028", "\u0001\u001F", "漢字",
        "", " ", "\\", "\"", "%00", "${jndi:x}", "'; DROP TABLE packets; --", "<script>", "\uDB40\uDC01"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json", "application/json",
        "text/plain", "application/xml", "application/json; charset=latin1", "application/json; charset=utf-16",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/merge-patch+json",
        "*/*", "application/json;;;", "application/json; charset=\"utf-8\"", ""};
    private static final String[] METHODS = {"GET", "POST", "PATCH", "DELETE", "PUT", "OPTIONS"};

    private final Random random;
    private final List<String> packetIds;

    BadRequests(long seed, List<String> packetIds) {
        this.random = new Random(seed);
        this.packetIds = List.copyOf(packetIds);
    }

    /** One request: method, path with query, headers, body bytes (possibly empty). */
    record Attempt(String method, String path, Map<String, String> headers, byte[] body) {
        boolean writes() {
            return !method.equals("GET") && !method.equals("OPTIONS");
        }
    }

    Attempt next() {
        Target target = target();
        String method = random.nextInt(10) == 0 ? pick(METHODS) : target.method;
        String path = random.nextInt(8) == 0 ? badPath(target.path) : target.path;
        if (random.nextInt(3) == 0) {
            path += query();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = random.nextInt(6) == 0 ? pick(CONTENT_TYPES) : "application/json";
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        if (random.nextInt(10) == 0) {
            headers.put("Idempotency-Key", random.nextBoolean() ? "k-" + random.nextInt(50) : oddAscii());
        }
        if (random.nextInt(25) == 0) {
            headers.put("X-API-Key", random.nextBoolean() ? "hr_wrong" + random.nextInt(1000) : "");
        }
        if (random.nextInt(20) == 0) {
            headers.put("X-Request-ID", oddAscii());
        }
        byte[] body = target.body == null ? new byte[0] : mutate(target.body);
        return new Attempt(method, path, headers, body);
    }

    private record Target(String method, String path, Object body) {
    }

    private Target target() {
        String id = packetIds.isEmpty() ? "00000000-0000-4000-8000-000000000000" : pick(packetIds);
        String packets = "/api/v1/packets";
        return switch (random.nextInt(16)) {
            case 0, 1, 2 -> new Target("POST", packets, packet());
            case 3 -> new Target("POST", packets + "/batch", Map.of("packets", List.of(packet(), packet())));
            case 4 -> new Target("POST", packets + "/" + id + "/claim", claimant());
            case 5 -> new Target("POST", packets + "/claim-next", claimNext());
            case 6 -> new Target("PATCH", packets + "/" + id, patch());
            case 7 -> new Target("POST", packets + "/" + id + "/respond", map("response", "approve", "responded_by",
                    "alice", "notes", "ok"));
            case 8 -> new Target("POST", packets + "/" + id + "/chain", packet());
            case 9 -> new Target("POST", "/api/v1/hooks", map("url", "http://127.0.0.1:9/hook", "events",
                    List.of("packet.created"), "secret", "whsec_fuzzing_secret_1234"));
            case 10 -> new Target("POST", "/api/v1/schemas", map("name", "s" + random.nextInt(5), "json_schema",
                    map("type", "object", "required", List.of("custom"))));
            case 11 -> new Target("POST", "/api/v1/keys", map("name", "k", "role", "reader"));
            case 12 -> new Target("POST", packets + "/batch/claim", map("packet_ids", List.of(id), "agent_id",
                    "billing-01", "agent_name", "Billing"));
            case 13 -> new Target("GET", packets + "/search?q=" + pick(new String[] {"refund", "%00", "%ED%A0%80",
                "a+b", "%F0%9F%98%80"}), null);
            case 14 -> new Target("GET", packets, null);
            default -> new Target("GET", packets + "/" + id + "/history", null);
        };
    }

    private Map<String, Object> packet() {
        Map<String, Object> source = map("id", "sales-01", "name", "SalesBot", "framework", "langchain", "version",
                "0.3");
        Map<String, Object> target = map("id", "billing-01", "name", "BillingBot");
        Map<String, Object> metadata = map("source_agent", source, "target_agent", target, "priority", "high", "tags",
                List.of("billing", "upgrade"));
        Map<String, Object> entry = map("role", "user", "content", "I want to upgrade", "timestamp",
                "2026-07-08T05:00:00Z", "metadata", map("channel", "chat"));
        Map<String, Object> context = map("summary", "Customer wants the business plan", "conversation_state",
                List.of(entry), "artifacts", List.of(map("key", "quote", "value", map("amount", 120),
                        "content_type", "application/json")), "custom", map("account", "A-1"));
        Map<String, Object> packet = map("metadata", metadata, "context", context, "decisions",
                List.of(map("id", "d1", "decision", "offer", "rationale", "fits", "alternatives", List.of("none"),
                        "decided_by", "sales-01", "timestamp", "2026-07-08T05:00:00Z")));
        if (random.nextInt(4) == 0) {
            packet.put("hitl", map("required", true, "reason", "approval", "question", "ok?", "options",
                    List.of("yes", "no"), "timeout_seconds", 3600));
        }
        return packet;
    }

    private Map<String, Object> claimant() {
        return map("agent_id", "billing-01", "agent_name", "BillingBot", "framework", null);
    }

    private Map<String, Object> claimNext() {
        Map<String, Object> body = claimant();
        body.put("target_agent", "billing-01");
        body.put("tags", List.of("billing"));
        return body;
    }

    private Map<String, Object> patch() {
        return switch (random.nextInt(3)) {
            case 0 -> map("status", "in_progress");
            case 1 -> map("context", map("summary", "updated", "custom", map("step", 2)));
            default -> map("decisions", List.of(map("id", "d2", "decision", "refund")), "actions",
                    map("pending", List.of(map("id", "a1", "description", "call back"))));
        };
    }

    private byte[] mutate(Object valid) {
        Object tree = valid;
        int mutations = random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            tree = mutateTree(tree, 0);
        }
        String text = write(tree, random.nextInt(12) == 0);
        return switch (random.nextInt(14)) {
            case 0 -> text.substring(0, random.nextInt(text.length() + 1)).getBytes(StandardCharsets.UTF_8);
            case 1 -> invalidUtf8(text);
            case 2 -> (text + pick(new String[] {"}", "]", ",", " x", "\u0000", "{}"})).getBytes(StandardCharsets.UTF_8);
            case 3 -> pick(new String[] {"", "null", "[]", "1", "\"s\"", "true", "{", "{\"a\":}", "[1,2"})
                    .getBytes(StandardCharsets.UTF_8);
            default -> text.getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Replaces one random node of {@code node} (at any depth) with a hostile value. */
    @SuppressWarnings("unchecked")
    private Object mutateTree(Object node, int depth) {
        if (node instanceof Map<?, ?> map && !map.isEmpty() && random.nextInt(3) != 0) {
            Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) map);
            List<String> keys = new ArrayList<>(copy.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(8)) {
                case 0 -> copy.remove(key);
                case 1 -> copy.put(pick(ODD_TEXT), copy.remove(key));
                case 2 -> copy.put("unexpected_" + random.nextInt(3), hostile());
                default -> copy.put(key, mutateTree(copy.get(key), depth + 1));
            }
            return copy;
        }
        if (node instanceof List<?> list && !list.isEmpty() && random.nextInt(3) != 0) {
            List<Object> copy = new ArrayList<>(list);
            int index = random.nextInt(copy.size());
            copy.set(index, mutateTree(copy.get(index), depth + 1));
            if (random.nextInt(4) == 0) {
                copy.add(hostile());
            }
            return copy;
        }
        return hostile();
    }

    private Object hostile() {
        return switch (random.nextInt(16)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> pick(new Object[] {0, -1, Integer.MAX_VALUE + 1L, 1e308, -0.0, 1.5});
            case 4 -> new java.math.BigInteger("123456789012345678901234567890123456789012345678901234567890");
            case 5 -> new java.math.BigDecimal("1e400");
            case 6 -> "x".repeat(random.nextInt(20) == 0 ? 300_000 : 10_001);
            case 7 -> deep(20 + random.nextInt(60));
            case 8 -> List.of();
            case 9 -> Map.of();
            case 10 -> java.util.Collections.nCopies(random.nextInt(10) == 0 ? 2_000 : 40, "t");
            case 11 -> "2026-13-45T99:99:99Z";
            default -> pick(ODD_TEXT) + (random.nextBoolean() ? "" : pick(ODD_TEXT));
        };
    }

    private Object deep(int depth) {
        Object value = "bottom";
        for (int i = 0; i < depth; i++) {
            value = random.nextBoolean() ? List.of(value) : Map.of("d", value);
        }
        return value;
    }

    private String badPath(String path) {
        return switch (random.nextInt(10)) {
            case 0 -> "/api/v1/packets/" + pick(new String[] {"%00", "%ED%A0%80", "not-a-uuid", "..", "%2e%2e",
                "00000000-0000-0000-0000-000000000000", "x".repeat(3000), "%F0%9F%98%80", "%FF%FE", ";", "%20"});
            case 1 -> path + "/" + pick(new String[] {"unknown", "%00", "claim/claim", ""});
            case 2 -> "/api/v2/packets";
            case 3 -> "/api/v1//packets";
            case 4 -> path.toUpperCase(java.util.Locale.ROOT);
            case 5 -> "/api/v1/hooks/" + pick(new String[] {"%00", "x", "00000000-0000-4000-8000-000000000000"})
                    + "/deliveries";
            case 6 -> "/api/v1/tenants/%00";
            case 7 -> "/api/v1/schemas/" + pick(new String[] {"%ED%A0%80", "1"});
            case 8 -> "/api/v1/audit";
            default -> "/" + pick(new String[] {"", "ready", "health", "metrics", "docs", "openapi.json", "%00",
                "favicon.ico"});
        };
    }

    private String query() {
        String[] names = {"limit", "offset", "status", "source_agent", "target_agent", "tags", "priority",
            "hitl_required", "cursor", "created_after", "created_before", "q", "%00", "actor"};
        String[] values = {"-1", "0", "201", "99999999999999999999", "abc", "%00", "%ED%A0%80", "%C0%80", "%FF",
            "created,claimed", "bogus", "true", "maybe", "2026-07-08T05:00:00Z", "not-a-date",
            "eyJ4IjoxfQ", "%F0%9F%98%80", "x".repeat(5_000), "", "a%26b%3Dc"};
        StringBuilder query = new StringBuilder("?");
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            query.append(i == 0 ? "" : "&").append(pick(names)).append('=').append(pick(values));
        }
        return query.toString();
    }

    private String oddAscii() {
        return pick(new String[] {"", " ", "x".repeat(300), "ünicode", "tab\there", "k\u0000", "%00"});
    }

    private byte[] invalidUtf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            return new byte[] {(byte) 0xC0};
        }
        byte[] broken = bytes.clone();
        byte[][] junk = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};
        byte[] inserted = junk[random.nextInt(junk.length)];
        int at = random.nextInt(broken.length);
        byte[] result = new byte[broken.length + inserted.length];
        System.arraycopy(broken, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(broken, at, result, at + inserted.length, broken.length - at);
        return result;
    }

    /** JSON text with every non-ASCII or control character escaped (so unpaired surrogates survive). */
    private String write(Object value, boolean duplicateKeys) {
        StringBuilder out = new StringBuilder();
        write(out, value, duplicateKeys);
        return out.toString();
    }

    private void write(StringBuilder out, Object value, boolean duplicateKeys) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                int copies = duplicateKeys && random.nextInt(3) == 0 ? 2 : 1;
                for (int i = 0; i < copies; i++) {
                    out.append(first ? "" : ",");
                    first = false;
                    string(out, String.valueOf(entry.getKey()));
                    out.append(':');
                    write(out, i == 0 ? entry.getValue() : hostile(), duplicateKeys);
                }
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i), duplicateKeys);
            }
            out.append(']');
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof java.math.BigDecimal decimal) {
            out.append(decimal.toString());
        } else {
            out.append(value);
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
