package dev.handoffrail.core.tenant;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** A tenant identifier: {@code ^[A-Za-z0-9][A-Za-z0-9_-]{0,35}$}. The built-in tenant is {@link #DEFAULT}. */
public record TenantId(String value) {
    private static final Pattern FORMAT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,35}$");
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException("invalid tenant id");
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
