package dev.handoffrail.core.service;

import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.auth.Caller;
import dev.handoffrail.core.auth.Operation;
import dev.handoffrail.core.auth.Permissions;
import dev.handoffrail.core.error.Errors;
import dev.handoffrail.core.error.FieldError;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketId;
import dev.handoffrail.core.packet.PacketPage;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.packet.PacketRules;
import dev.handoffrail.core.packet.PacketStatus;
import dev.handoffrail.core.packet.Priority;
import dev.handoffrail.core.packet.SearchQuery;
import dev.handoffrail.core.packet.SearchTerms;
import dev.handoffrail.core.packet.StorableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reading packets: get, list, human queue, search and history (http-api.md §9.2–§9.5, §9.11). Thread-safe. */
final class PacketQueries {
    private final PacketService.Ports ports;

    PacketQueries(PacketService.Ports ports) {
        this.ports = ports;
    }

    Packet get(Caller caller, PacketId id) {
        Permissions.require(caller, Operation.READ_PACKETS);
        return ports.packets().find(caller.tenant(), id).orElseThrow(() -> Errors.packetNotFound(id));
    }

    PacketPage list(Caller caller, PacketQuery query) {
        Permissions.require(caller, Operation.READ_PACKETS);
        return ports.packets().list(caller.tenant(), query);
    }

    PacketPage awaitingHuman(Caller caller, int limit, int offset) {
        Permissions.require(caller, Operation.READ_PACKETS);
        validatePage(limit, offset);
        PacketPage page = ports.packets().list(caller.tenant(), PacketQuery.awaitingHuman(limit, offset));
        return new PacketPage(page.packets(), page.total(), null);
    }

    PacketPage search(Caller caller, String text, Set<PacketStatus> statuses, Priority priority, int limit,
                      int offset) {
        Permissions.require(caller, Operation.READ_PACKETS);
        SearchTerms.validateQuery(text);
        StorableText.require("q", text);
        validatePage(limit, offset);
        List<String> words = SearchTerms.words(text);
        if (words.isEmpty()) {
            return new PacketPage(List.of(), 0, null);
        }
        PacketPage page = ports.packets().search(caller.tenant(),
                new SearchQuery(words, statuses, priority, limit, offset));
        return new PacketPage(page.packets(), page.total(), null);
    }

    List<AuditEntry> history(Caller caller, PacketId id) {
        Permissions.require(caller, Operation.READ_PACKETS);
        if (ports.packets().find(caller.tenant(), id).isEmpty()) {
            throw Errors.packetNotFound(id);
        }
        return ports.audit().history(caller.tenant(), id);
    }

    /** §6.1: {@code limit} 1–200 and {@code offset} ≥ 0, else {@code 400 VALIDATION_ERROR}. */
    private static void validatePage(int limit, int offset) {
        List<FieldError> errors = new ArrayList<>();
        if (limit < 1 || limit > PacketQuery.MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + PacketQuery.MAX_LIMIT));
        }
        if (offset < 0) {
            errors.add(new FieldError("offset", "must be greater than or equal to 0"));
        }
        PacketRules.throwIfAny(errors);
    }
}
