package dev.handoffrail.persistence.sql;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as stored: microseconds since the Unix epoch, the precision the contract keeps. */
final class Micros {
    private Micros() {
    }

    static Long of(Instant instant) {
        if (instant == null) {
            return null;
        }
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Instant toInstant(Long micros) {
        return micros == null ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
