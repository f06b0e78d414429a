package dev.handoffrail.core.memory;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** What a read returned and how many rows it looked at, by a store's running count of rows looked at. */
record Visited<T>(T result, long visited) {
    static <T> Visited<T> by(LongSupplier rowsLookedAt, Supplier<T> read) {
        long before = rowsLookedAt.getAsLong();
        T result = read.get();
        return new Visited<>(result, rowsLookedAt.getAsLong() - before);
    }
}
