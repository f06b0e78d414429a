package dev.handoffrail.persistence.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.handoffrail.core.port.out.ApiKeyStore;
import dev.handoffrail.core.port.out.AuditLog;
import dev.handoffrail.core.port.out.DailyHandoffCounter;
import dev.handoffrail.core.port.out.DeliveryStore;
import dev.handoffrail.core.port.out.IdempotencyStore;
import dev.handoffrail.core.port.out.PacketStatistics;
import dev.handoffrail.core.port.out.PacketStore;
import dev.handoffrail.core.port.out.SchemaStore;
import dev.handoffrail.core.port.out.TenantStore;
import dev.handoffrail.core.port.out.Transactor;
import dev.handoffrail.core.port.out.WebhookStore;
import dev.handoffrail.core.webhook.SecretCipher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.NoTemplateEngine;

/**
 * Durable storage for HandoffRail in one call: {@link #open} builds the HikariCP pool for a {@link DatabaseUrl},
 * optionally runs the Flyway migrations, and wires the transactor and every SQL store on it. All stores share
 * {@link #transactor()}'s transactions. Closing it closes the pool. Thread-safe.
 */
public final class SqlPersistence implements AutoCloseable {
    private final SqlDialect dialect;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final SqlTransactor transactor;
    private final PacketStore packets;
    private final PacketStatistics packetStatistics;
    private final AuditLog audit;
    private final TenantStore tenants;
    private final ApiKeyStore keys;
    private final WebhookStore webhooks;
    private final DeliveryStore deliveries;
    private final SchemaStore schemas;
    private final DailyHandoffCounter dailyHandoffs;
    private final IdempotencyStore idempotency;

    private SqlPersistence(SqlDialect dialect, HikariDataSource dataSource, SecretCipher secrets) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        jdbi.setTemplateEngine(new NoTemplateEngine());
        dialect.configure(jdbi);
        jdbi.registerRowMapper(PacketRow.class, PacketRow.MAPPER);
        for (Class<?> row : new Class<?>[] {SqlAuditLog.AuditRow.class,
            SqlTenantStore.TenantRow.class, SqlApiKeyStore.ApiKeyRow.class, SqlWebhookStore.WebhookRow.class,
            SqlDeliveryStore.DeliveryRow.class, SqlSchemaStore.SchemaRow.class,
            SqlIdempotencyStore.Remembered.class}) {
            jdbi.registerRowMapper(ConstructorMapper.factory(row));
        }
        this.transactor = new SqlTransactor(jdbi, dialect);
        this.packets = new SqlPacketStore(transactor, dialect);
        this.packetStatistics = new SqlPacketStatistics(transactor, dialect);
        this.audit = new SqlAuditLog(transactor, dialect);
        this.tenants = new SqlTenantStore(transactor);
        this.keys = new SqlApiKeyStore(transactor);
        this.webhooks = new SqlWebhookStore(transactor, dialect, secrets);
        this.deliveries = new SqlDeliveryStore(transactor, dialect);
        this.schemas = new SqlSchemaStore(transactor, dialect);
        this.dailyHandoffs = new SqlDailyHandoffCounter(transactor);
        this.idempotency = new SqlIdempotencyStore(transactor);
    }

    /**
     * Opens a pool sized by {@code pool} on {@code url} and, when {@code migrate} is true, brings the schema up to
     * date. Fails fast when the database cannot be reached; the message never contains the password.
     */
    public static SqlPersistence open(DatabaseUrl url, PoolSettings pool, boolean migrate) {
        return open(url, pool, migrate, SecretCipher.NONE);
    }

    /** As {@link #open(DatabaseUrl, PoolSettings, boolean)}, with webhook secrets sealed by {@code secrets} at rest. */
    public static SqlPersistence open(DatabaseUrl url, PoolSettings pool, boolean migrate, SecretCipher secrets) {
        if (migrate) {
            // Flyway holds a second connection for its lock on PostgreSQL: a pool of its own never starves it
            try (HikariDataSource migrations = new HikariDataSource(config(url, new PoolSettings(1, 1),
                    "handoffrail-migrations"))) {
                Migrations.migrate(migrations, url.dialect());
            }
        }
        String name = "handoffrail-" + url.dialect().backendName();
        HikariConfig serving = config(url, pool, name);
        url.dialect().configureServing(serving);
        HikariDataSource dataSource = new HikariDataSource(serving);
        try {
            return new SqlPersistence(url.dialect(), dataSource, secrets);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariConfig config(DatabaseUrl url, PoolSettings pool, String name) {
        url.sqliteFile().map(Path::toAbsolutePath).map(Path::getParent).ifPresent(SqlPersistence::createDirectory);
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        config.setMinimumIdle(pool.minimumIdle());
        config.setMaximumPoolSize(pool.maximumPoolSize());
        config.setConnectionTimeout(url.dialect().connectionTimeoutMillis());
        url.dialect().configure(config);
        return config;
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of the SQLite database", e);
        }
    }

    public Transactor transactor() {
        return transactor;
    }

    public PacketStore packets() {
        return packets;
    }

    public PacketStatistics packetStatistics() {
        return packetStatistics;
    }

    public AuditLog audit() {
        return audit;
    }

    public TenantStore tenants() {
        return tenants;
    }

    public ApiKeyStore keys() {
        return keys;
    }

    public WebhookStore webhooks() {
        return webhooks;
    }

    public DeliveryStore deliveries() {
        return deliveries;
    }

    public SchemaStore schemas() {
        return schemas;
    }

    public DailyHandoffCounter dailyHandoffs() {
        return dailyHandoffs;
    }

    public IdempotencyStore idempotency() {
        return idempotency;
    }

    /** The pooled data source, for tools such as {@link Migrations}. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The Jdbi instance every store runs on (tests install statement loggers on it). */
    Jdbi jdbi() {
        return jdbi;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** {@code postgresql} or {@code sqlite}. */
    public String backend() {
        return dialect.backendName();
    }

    /** Readiness: whether the database answers a trivial query within a few seconds. Never throws. */
    public boolean ping() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The size of the database in bytes (SQLite: the main file, without the WAL). */
    public long databaseSizeBytes() {
        return jdbi.withHandle(h -> h.createQuery(dialect.databaseSizeQuery()).mapTo(Long.class).one());
    }

    /** The pool's connections right now, as {@code /api/v1/system/health} reports them. */
    public PoolStats poolStats() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool == null) {
            return new PoolStats(0, 0, 0, 0);
        }
        return new PoolStats(pool.getTotalConnections(), pool.getActiveConnections(), pool.getIdleConnections(),
                pool.getThreadsAwaitingConnection());
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Connections open ({@code size}), in use, idle, and threads waiting for one ({@code pending}). */
    public record PoolStats(int size, int active, int idle, int pending) {
    }
}
