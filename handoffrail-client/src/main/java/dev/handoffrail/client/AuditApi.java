package dev.handoffrail.client;

import dev.handoffrail.client.Transport.Call;
import dev.handoffrail.client.model.AuditEntry;
import dev.handoffrail.client.model.AuditPage;
import dev.handoffrail.client.model.AuditQuery;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/** The audit trail and its export (http-api.md §14). Thread-safe. */
public final class AuditApi {
    private static final String AUDIT = "/api/v1/audit";
    private static final int PAGE = 200;

    private final Transport transport;

    AuditApi(Transport transport) {
        this.transport = transport;
    }

    /** {@code GET /audit}: one page, newest first. */
    public AuditPage list(AuditQuery query, int limit, int offset) {
        return transport.call(filters(Call.get(AUDIT), query).param("limit", limit).param("offset", offset),
                AuditPage.class);
    }

    /** Every entry matching {@code query}, newest first, fetched 200 at a time as the stream is consumed. */
    public Stream<AuditEntry> stream(AuditQuery query) {
        return Pages.stream(0, offset -> {
            AuditPage page = list(query, PAGE, offset);
            int next = offset + page.entries().size();
            return new Pages.Page<>(page.entries(), next < page.total() ? next : null);
        });
    }

    /**
     * {@code GET /audit/export} (admin, tiers with audit export): the raw streamed body, oldest first, as
     * {@code ndjson} or {@code csv}. The caller closes it.
     */
    public InputStream export(AuditQuery query, String format) {
        return transport.stream(filters(Call.get(AUDIT + "/export"), query).param("format", format));
    }

    /** The NDJSON export parsed entry by entry while it streams; close the stream to release the connection. */
    public Stream<AuditEntry> exportEntries(AuditQuery query) {
        InputStream body = export(query, "ndjson");
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        return lines.lines().filter(line -> !line.isBlank())
                .map(line -> transport.read(line.getBytes(StandardCharsets.UTF_8), AuditEntry.class))
                .onClose(() -> {
                    try {
                        lines.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static Call filters(Call call, AuditQuery query) {
        return call.param("resource", query.resource()).param("actor", query.actor())
                .param("action", query.action()).param("packet_id", query.packetId())
                .param("created_after", query.createdAfter()).param("created_before", query.createdBefore());
    }
}
