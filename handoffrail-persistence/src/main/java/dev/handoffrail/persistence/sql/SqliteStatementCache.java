package dev.handoffrail.persistence.sql;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps SQLite's prepared statements per connection instead of compiling them again for every use. sqlite-jdbc has
 * no statement cache, and compiling an {@code INSERT INTO packets} also compiles its triggers (full-text index,
 * active agents): a profile of the create path put a tenth of the request threads' CPU in {@code prepareStatement}.
 * (PostgreSQL's driver caches prepared statements itself.) Each pooled connection keeps its {@value #PER_CONNECTION}
 * most recently used statements; a statement is reused only once the previous use closed it, so two open uses of the
 * same SQL (a nested query) get two statements. Statements of a closed connection are dropped. Thread-safe.
 */
final class SqliteStatementCache implements StatementBuilderFactory {
    static final int PER_CONNECTION = 64;

    private final Map<Connection, ConnectionStatements> byConnection = new IdentityHashMap<>();

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        Connection sqlite;
        try {
            // the driver's own connection, below the pool's proxy (which differs at every checkout)
            sqlite = connection.unwrap(Connection.class);
        } catch (SQLException notWrapped) {
            return new DefaultStatementBuilder();
        }
        return new Builder(sqlite, statementsOf(sqlite));
    }

    /** Connections with statements kept (tests). */
    synchronized int connections() {
        return byConnection.size();
    }

    private synchronized ConnectionStatements statementsOf(Connection connection) {
        byConnection.keySet().removeIf(SqliteStatementCache::isClosed);
        return byConnection.computeIfAbsent(connection, c -> new ConnectionStatements());
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** The idle prepared statements of one connection, least recently used first. */
    private static final class ConnectionStatements {
        private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true);

        synchronized PreparedStatement take(String sql) {
            return idle.remove(sql);
        }

        /** Keeps {@code statement} for the next use of {@code sql}; closes what no longer fits. */
        void putBack(String sql, PreparedStatement statement) throws SQLException {
            PreparedStatement surplus = null;
            PreparedStatement eldest = null;
            synchronized (this) {
                if (idle.containsKey(sql)) {
                    surplus = statement;
                } else {
                    idle.put(sql, statement);
                    if (idle.size() > PER_CONNECTION) {
                        Iterator<PreparedStatement> oldest = idle.values().iterator();
                        eldest = oldest.next();
                        oldest.remove();
                    }
                }
            }
            if (surplus != null) {
                surplus.close();
            }
            if (eldest != null) {
                eldest.close();
            }
        }
    }

    private static final class Builder implements StatementBuilder {
        private final DefaultStatementBuilder plain = new DefaultStatementBuilder();
        private final Connection sqlite;
        private final ConnectionStatements statements;
        /** The statements this handle took from the cache, to put back instead of closing. */
        private final Map<Statement, String> taken = new IdentityHashMap<>();

        Builder(Connection sqlite, ConnectionStatements statements) {
            this.sqlite = sqlite;
            this.statements = statements;
        }

        @Override
        public Statement create(Connection connection, StatementContext context) throws SQLException {
            return plain.create(connection, context);
        }

        @Override
        public PreparedStatement create(Connection connection, String sql, StatementContext context)
                throws SQLException {
            if (context.isReturningGeneratedKeys() || context.isConcurrentUpdatable()) {
                return plain.create(connection, sql, context);
            }
            PreparedStatement statement = statements.take(sql);
            if (statement == null || statement.isClosed()) {
                // on the driver's own connection: the pool closes the statements of its proxy when it takes the
                // connection back
                statement = sqlite.prepareStatement(sql);
            }
            synchronized (taken) {
                taken.put(statement, sql);
            }
            return statement;
        }

        @Override
        public CallableStatement createCall(Connection connection, String sql, StatementContext context)
                throws SQLException {
            return plain.createCall(connection, sql, context);
        }

        @Override
        public void close(Connection connection, String sql, Statement statement) throws SQLException {
            String key;
            synchronized (taken) {
                key = taken.remove(statement);
            }
            if (key == null || connection.isClosed() || !(statement instanceof PreparedStatement prepared)) {
                plain.close(connection, sql, statement);
                return;
            }
            try {
                prepared.clearParameters();
                prepared.clearBatch();
            } catch (SQLException unusable) {
                prepared.close();
                return;
            }
            statements.putBack(key, prepared);
        }
    }
}
