package dev.handoffrail.core.service;

import static dev.handoffrail.core.service.ServiceHarness.TENANT;
import static dev.handoffrail.core.service.ServiceHarness.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.RailObserver;
import dev.handoffrail.core.audit.AuditEntry;
import dev.handoffrail.core.error.ErrorCode;
import dev.handoffrail.core.error.HandoffRailException;
import dev.handoffrail.core.event.DomainEvent;
import dev.handoffrail.core.event.EventType;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketQuery;
import dev.handoffrail.core.port.out.TransactionConflictException;
import dev.handoffrail.core.port.out.Transactor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A packet change whose transaction the database aborts for a conflict with a concurrent one (a deadlock it broke)
 * runs again from the start: the packet is stored once, with one history entry and one event.
 */
class ConflictRetryTest {
    private final ServiceHarness harness = ServiceHarness.create();

    @Test
    void a_create_aborted_twice_for_conflicts_is_stored_once_on_the_third_attempt() {
        ConflictingTransactor transactor = new ConflictingTransactor(harness.stores.transactor(), 2);
        PacketService service = new PacketService(harness.portsWith(transactor), harness.settings, RailObserver.NONE);

        Packet packet = service.create(harness.writer, draft());

        assertThat(transactor.attempts).isEqualTo(3);
        assertThat(harness.stores.packets().list(TENANT, PacketQuery.all()).packets()).containsExactly(packet);
        assertThat(harness.stores.audit().history(TENANT, packet.id())).extracting(AuditEntry::action)
                .containsExactly("created");
        assertThat(harness.published).extracting(DomainEvent::type).containsExactly(EventType.PACKET_CREATED);
    }

    @Test
    void a_create_aborted_on_every_attempt_is_refused_as_unavailable_and_leaves_nothing() {
        ConflictingTransactor transactor = new ConflictingTransactor(harness.stores.transactor(), 3);
        PacketService service = new PacketService(harness.portsWith(transactor), harness.settings, RailObserver.NONE);

        assertThatThrownBy(() -> service.create(harness.writer, draft()))
                .isInstanceOf(TransactionConflictException.class)
                .extracting(e -> ((HandoffRailException) e).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);

        assertThat(transactor.attempts).isEqualTo(PacketJournal.ATTEMPTS);
        assertThat(harness.stores.packets().list(TENANT, PacketQuery.all()).total()).isZero();
        assertThat(harness.published).isEmpty();
    }

    /**
     * Runs each outermost transaction's work to the end, then aborts it as the database would, the first
     * {@code conflicts} times; the in-memory transactor rolls the work back.
     */
    private static final class ConflictingTransactor implements Transactor {
        private final Transactor stores;
        private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);
        private int conflictsLeft;
        private int attempts;

        ConflictingTransactor(Transactor stores, int conflicts) {
            this.stores = stores;
            this.conflictsLeft = conflicts;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (inside.get()) {
                return work.get();
            }
            attempts++;
            inside.set(true);
            try {
                return stores.inTransaction(() -> {
                    T result = work.get();
                    if (conflictsLeft > 0) {
                        conflictsLeft--;
                        throw new TransactionConflictException();
                    }
                    return result;
                });
            } finally {
                inside.set(false);
            }
        }
    }
}
