package dev.handoffrail.client;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Lazy iteration over paged lists: each page is fetched when the previous one is used up. */
final class Pages {
    private Pages() {
    }

    /** One fetched page: its items and how to ask for the next one ({@code null}: this was the last). */
    record Page<T, P>(List<T> items, P next) {
    }

    static <T, P> Iterable<T> iterable(P first, Function<P, Page<T, P>> fetch) {
        return () -> new PageIterator<>(first, fetch);
    }

    static <T, P> Stream<T> stream(P first, Function<P, Page<T, P>> fetch) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new PageIterator<>(first, fetch),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    private static final class PageIterator<T, P> implements Iterator<T> {
        private final Function<P, Page<T, P>> fetch;
        private P next;
        private boolean fetchedLast;
        private Iterator<T> current = List.<T>of().iterator();

        PageIterator(P first, Function<P, Page<T, P>> fetch) {
            this.fetch = fetch;
            this.next = first;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && !fetchedLast) {
                Page<T, P> page = fetch.apply(next);
                current = page.items().iterator();
                next = page.next();
                fetchedLast = next == null || page.items().isEmpty();
            }
            return current.hasNext();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
