package dev.handoffrail.core.packet;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The opaque {@code cursor} of the packet list (http-api.md §6.2): base64url without padding of
 * {@code {"created_at": "...", "id": "..."}}. Decoding never fails with anything but {@code INVALID_CURSOR}.
 * Stateless.
 */
public final class PacketCursors {
    /** Far above any cursor this class writes (about 110 characters), so garbage is rejected before decoding. */
    private static final int MAX_LENGTH = 512;

    private PacketCursors() {
    }

    public static String encode(PacketCursor cursor) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created_at", Timestamps.format(cursor.createdAt()));
        json.put("id", cursor.id().toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.writeBytes(json));
    }

    /** The position, or {@code INVALID_CURSOR} ("Invalid cursor") for anything this class did not write. */
    public static PacketCursor decode(String text) {
        try {
            return parse(text).orElseThrow(PacketCursors::invalid);
        } catch (RuntimeException | CharacterCodingException e) {
            throw invalid();
        }
    }

    private static Optional<PacketCursor> parse(String text) throws CharacterCodingException {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        String decoded = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
        if (!(Json.parse(decoded, 1) instanceof Map<?, ?> json)
                || !(json.get("created_at") instanceof String createdAt)
                || !(json.get("id") instanceof String id)) {
            return Optional.empty();
        }
        Optional<Instant> instant = Timestamps.parse(createdAt);
        Optional<PacketId> packetId = PacketId.parse(id);
        if (instant.isEmpty() || packetId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PacketCursor(instant.get(), packetId.get()));
    }

    private static HandoffRailException invalid() {
        return new HandoffRailException(ErrorCode.INVALID_CURSOR, "Invalid cursor");
    }
}
