package dev.handoffrail.core.tenant;

import static java.util.Objects.requireNonNull;

import dev.handoffrail.core.error.HandoffRailException;
import java.util.Optional;

/** The outcome of one quota rule: allowed, or rejected with the error to report. Immutable. */
public final class QuotaDecision {
    private static final QuotaDecision ALLOWED = new QuotaDecision(null);

    private final HandoffRailException rejection;

    private QuotaDecision(HandoffRailException rejection) {
        this.rejection = rejection;
    }

    public static QuotaDecision allow() {
        return ALLOWED;
    }

    public static QuotaDecision reject(HandoffRailException rejection) {
        return new QuotaDecision(requireNonNull(rejection, "rejection"));
    }

    public boolean allowed() {
        return rejection == null;
    }

    /** The error explaining the refusal; empty when allowed. */
    public Optional<HandoffRailException> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** Does nothing when allowed, otherwise throws the rejection. */
    public void orThrow() {
        if (rejection != null) {
            throw rejection;
        }
    }

    @Override
    public String toString() {
        return rejection == null ? "QuotaDecision[allowed]"
                : "QuotaDecision[rejected " + rejection.code() + ": " + rejection.detail() + "]";
    }
}
