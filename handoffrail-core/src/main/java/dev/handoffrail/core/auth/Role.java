package dev.handoffrail.core.auth;

import java.util.Locale;
import java.util.Optional;

/** Ordered roles of http-api.md §3.1: a higher role can do everything a lower one can. */
public enum Role {
    READER(1), AGENT(2), WRITER(3), ADMIN(4);

    private final int level;

    Role(int level) {
        this.level = level;
    }

    public int level() {
        return level;
    }

    public boolean atLeast(Role required) {
        return level >= required.level;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String value) {
        for (Role role : values()) {
            if (role.wireName().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
