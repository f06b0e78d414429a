package dev.handoffrail.http.audit;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.audit.AuditPage;
import dev.handoffrail.core.audit.AuditQuery;
import dev.handoffrail.core.audit.AuditResource;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.error.ValidationException;
import dev.handoffrail.core.json.JsonWriter;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.Timestamps;
import dev.handoffrail.core.tenant.QuotaRules;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.http.route.QueryParams;
import dev.handoffrail.http.route.Requests;
import dev.handoffrail.http.route.Responses;
import dev.handoffrail.http.route.Route;
import dev.handoffrail.http.route.Routes;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The audit endpoints of http-api.md §14 (endpoint index 35–36): the paged list and the streamed export. */
public final class AuditRoutes {
    static final String AUDIT = "/api/v1/audit";
    static final String NDJSON_TYPE = "application/x-ndjson";
    static final String CSV_TYPE = "text/csv; charset=utf-8";
    private static final String ALL = "all";
    private static final String RESOURCES = String.join(", ", Arrays.stream(AuditResource.values())
            .map(AuditResource::wireName).toList()) + ", " + ALL;

    private final HandoffRail rail;

    public AuditRoutes(HandoffRail rail) {
        this.rail = rail;
    }

    public void register(Routes routes) {
        routes.add(Route.get(AUDIT, Operation.READ_AUDIT), this::list);
        routes.add(Route.get(AUDIT + "/export", Operation.EXPORT_AUDIT), this::export);
    }

    private void list(Context ctx) {
        QueryParams query = Requests.query(ctx);
        int limit = query.limit();
        int offset = query.offset();
        AuditPage page = rail.queryAudit().query(Requests.caller(ctx), filters(query, limit, offset));
        Responses.ok(ctx, new AuditList(page.entries().stream().map(AuditRoutes::json).toList(), page.total(), limit,
                offset));
    }

    private void export(Context ctx) throws IOException {
        QueryParams query = Requests.query(ctx);
        AuditQuery filters = filters(query, QueryParams.MAX_LIMIT, 0);
        boolean csv = switch (query.string("format").orElse("ndjson")) {
            case "ndjson" -> false;
            case "csv" -> true;
            default -> throw ValidationException.of("format", "must be one of: ndjson, csv");
        };
        Caller caller = Requests.caller(ctx);
        Tier tier = Requests.tenant(ctx).tier();
        // refused before the first byte, so the refusal is an ordinary error response, not a cut stream
        QuotaRules.auditExport(rail.settings().tiers().quotasFor(tier), tier).orThrow();
        String date = LocalDate.ofInstant(rail.clock().instant(), ZoneOffset.UTC).toString();
        String filename = "audit-" + caller.tenant().value() + "-" + date + (csv ? ".csv" : ".ndjson");
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        ctx.contentType(csv ? CSV_TYPE : NDJSON_TYPE);
        // written while the entries are read, never held in memory as a whole
        Writer writer = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        AuditLines lines = csv ? new CsvLines(writer) : new NdjsonLines(writer);
        lines.begin();
        rail.queryAudit().export(caller, filters, lines::write);
        writer.flush();
    }

    /** The filters of §14.1: {@code resource} defaults to packet, {@code all} means every resource. */
    private static AuditQuery filters(QueryParams query, int limit, int offset) {
        String resourceText = query.string("resource").orElse(AuditResource.PACKET.wireName());
        AuditResource resource = null;
        if (!resourceText.equals(ALL)) {
            resource = AuditResource.fromWire(resourceText)
                    .orElseThrow(() -> ValidationException.of("resource", "must be one of: " + RESOURCES));
        }
        PacketId packet = null;
        Optional<String> packetText = query.string("packet_id");
        if (packetText.isPresent()) {
            packet = PacketId.parse(packetText.get())
                    .orElseThrow(() -> ValidationException.of("packet_id", "must be a valid UUID"));
        }
        return new AuditQuery(resource, query.string("actor").orElse(null), query.string("action").orElse(null),
                packet, query.timestamp("created_after"), query.timestamp("created_before"), limit, offset);
    }

    /** The audit entry representation of §7.9; {@code packet_id} is {@code ""} for non-packet entries. */
    static Map<String, Object> json(AuditEntry entry) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id().toString());
        json.put("packet_id", entry.packetId() == null ? "" : entry.packetId().toString());
        json.put("actor", entry.actor());
        json.put("action", entry.action());
        json.put("resource", entry.resource().wireName());
        json.put("resource_id", entry.resourceId());
        json.put("details", entry.details());
        json.put("timestamp", Timestamps.format(entry.timestamp()));
        json.put("api_key_id", entry.apiKeyId() == null ? null : entry.apiKeyId().toString());
        return json;
    }

    /** A page of audit entries with {@code limit} and {@code offset} as applied. */
    record AuditList(List<Map<String, Object>> entries, long total, int limit, int offset) {
    }

    /** Writes exported entries one line each. */
    private abstract static class AuditLines {
        final Writer writer;

        AuditLines(Writer writer) {
            this.writer = writer;
        }

        void begin() {
        }

        final void write(AuditEntry entry) {
            writeLine(line(entry));
        }

        final void writeLine(String line) {
            try {
                writer.write(line);
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        abstract String line(AuditEntry entry);
    }

    private static final class NdjsonLines extends AuditLines {
        NdjsonLines(Writer writer) {
            super(writer);
        }

        @Override
        String line(AuditEntry entry) {
            return JsonWriter.write(json(entry));
        }
    }

    /** RFC 4180 rows under the header {@code id,timestamp,resource,resource_id,packet_id,action,actor,...}. */
    private static final class CsvLines extends AuditLines {
        static final String HEADER = "id,timestamp,resource,resource_id,packet_id,action,actor,api_key_id,details";

        CsvLines(Writer writer) {
            super(writer);
        }

        @Override
        void begin() {
            writeLine(HEADER);
        }

        @Override
        String line(AuditEntry entry) {
            return String.join(",", cell(entry.id().toString()), cell(Timestamps.format(entry.timestamp())),
                    cell(entry.resource().wireName()), cell(entry.resourceId()),
                    cell(entry.packetId() == null ? "" : entry.packetId().toString()), cell(entry.action()),
                    cell(entry.actor()), cell(entry.apiKeyId() == null ? "" : entry.apiKeyId().toString()),
                    cell(JsonWriter.write(entry.details())));
        }

        private static String cell(String value) {
            if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                    && value.indexOf('\r') < 0) {
                return value;
            }
            return '"' + value.replace("\"", "\"\"") + '"';
        }
    }
}
