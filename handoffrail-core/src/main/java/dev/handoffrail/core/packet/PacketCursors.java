package dev.handoffrail.core.packet;

import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The opaque {@code cursor} of the packet list (http-api.md §6.2): base64url without padding of the position as
 * the text {@code <created_at>|<id>}, e.g. {@code 2026-05-30T19:35:00.123456Z|9b2f3c1e-...}. Decoding never fails
 * with anything but {@code INVALID_CURSOR}. Stateless.
 */
public final class PacketCursors {
    /** Far above any cursor this class writes (about 90 characters), so garbage is rejected before decoding. */
    private static final int MAX_LENGTH = 512;
    private static final char SEPARATOR = '|';

    private PacketCursors() {
    }

    public static String encode(PacketCursor cursor) {
        String position = Timestamps.format(cursor.createdAt()) + SEPARATOR + cursor.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
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
        String position = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(text)))
                .toString();
        int separator = position.indexOf(SEPARATOR);
        if (separator < 0) {
            return Optional.empty();
        }
        Optional<Instant> createdAt = Timestamps.parse(position.substring(0, separator));
        Optional<PacketId> id = PacketId.parse(position.substring(separator + 1));
        if (createdAt.isEmpty() || id.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PacketCursor(createdAt.get(), id.get()));
    }

    private static HandoffRailException invalid() {
        return new HandoffRailException(ErrorCode.INVALID_CURSOR, "Invalid cursor");
    }
}
