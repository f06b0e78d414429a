package dev.handoffrail.bench.ceiling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/**
 * The durable writes one claim or complete needs, as plain JDBC statements prepared on one connection: the packet
 * row read by key with its row lock (PostgreSQL {@code FOR UPDATE}; SQLite: the writer transaction already holds
 * the database's write lock), its status checked, then one update of status, target agent, revision, timestamps
 * and the stored document, and one audit row. On the tables of {@link DurableWrites}; no business rule besides the
 * status the step starts from, no counter kept (the durable create keeps none either). Not thread-safe: one
 * instance per connection.
 *
 * <p>Not written, because the product writes them only when a webhook subscribes (none in the bench): the webhook
 * outbox rows ({@code deliveries}). The search text does not change, so neither it nor its full-text entry is
 * written.
 */
final class TransitionWrites implements AutoCloseable {
    private final DurableWrites.Dialect dialect;
    private final PreparedStatement lock;
    private final Map<DurableTransition.Step, PreparedStatement> updates =
            new EnumMap<>(DurableTransition.Step.class);
    private final PreparedStatement audit;

    TransitionWrites(Connection connection, DurableWrites.Dialect dialect) throws SQLException {
        this.dialect = dialect;
        lock = connection.prepareStatement("SELECT status, target_agent_id, body FROM ceiling_full_packets "
                + "WHERE id = ? AND tenant_id = ?" + dialect.forUpdate);
        for (DurableTransition.Step step : DurableTransition.Step.values()) {
            updates.put(step, connection.prepareStatement("UPDATE ceiling_full_packets SET revision = revision + 1, "
                    + "status = ?, target_agent_id = ?, updated_at = ?, status_changed_at = ?, " + step.timeField
                    + " = ?, body = " + dialect.jsonParameter + " WHERE id = ?"));
        }
        audit = connection.prepareStatement(dialect.auditInsert());
    }

    /**
     * The writes of {@code t}, inside the transaction the caller opened: the caller commits a {@code CHANGED}
     * outcome and rolls back any other (nothing was written then).
     */
    DurableTransition.Outcome write(DurableTransition t) throws SQLException {
        String status;
        String target;
        String body;
        dialect.setId(lock, 1, t.id());
        lock.setString(2, DurablePacket.TENANT);
        try (ResultSet row = lock.executeQuery()) {
            if (!row.next()) {
                return DurableTransition.Outcome.notFound();
            }
            status = row.getString(1);
            target = row.getString(2);
            body = row.getString(3);
        }
        if (!status.equals(t.step().from)) {
            return DurableTransition.Outcome.refused(status);
        }
        // a claim makes the claimant the target agent; the target agent is who acts on the packet
        String actor = t.step() == DurableTransition.Step.CLAIM ? t.agentId() : target;
        String changed = t.rewrite(body);
        PreparedStatement update = updates.get(t.step());
        update.setString(1, t.step().to);
        update.setString(2, actor);
        update.setLong(3, t.atMicros());
        update.setLong(4, t.atMicros());
        update.setLong(5, t.atMicros());
        update.setString(6, changed);
        dialect.setId(update, 7, t.id());
        if (update.executeUpdate() != 1) {
            throw new IllegalStateException("packet " + t.id() + " changed under its row lock");
        }
        dialect.setId(audit, 1, UUID.randomUUID());
        audit.setString(2, DurablePacket.TENANT);
        audit.setString(3, t.id().toString());
        dialect.setId(audit, 4, t.id());
        audit.setString(5, t.step().to);
        audit.setString(6, "agent:" + actor);
        audit.setString(7, t.step().auditDetails);
        audit.setLong(8, t.atMicros());
        audit.executeUpdate();
        return DurableTransition.Outcome.changed(t.step().to, changed);
    }

    @Override
    public void close() throws SQLException {
        lock.close();
        for (PreparedStatement statement : updates.values()) {
            statement.close();
        }
        audit.close();
    }
}
