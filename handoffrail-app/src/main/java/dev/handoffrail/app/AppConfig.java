package dev.handoffrail.app;

import dev.handoffrail.core.RailSettings;
import dev.handoffrail.core.auth.ApiKeySecrets;
import dev.handoffrail.core.tenant.Tier;
import dev.handoffrail.core.tenant.TierQuotaTable;
import dev.handoffrail.core.webhook.AesGcmSecretCipher;
import dev.handoffrail.core.webhook.RetrySchedule;
import dev.handoffrail.core.webhook.SecretCipher;
import dev.handoffrail.persistence.redis.RedisConnection;
import dev.handoffrail.persistence.sql.DatabaseUrl;
import dev.handoffrail.persistence.sql.PoolSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting of the server, read only from {@code HR_*} environment variables (configuration.md) with the
 * documented defaults. A bad value fails with a one-line {@link ConfigException} naming the variable.
 */
public record AppConfig(Environment environment, String host, int port, String databaseUrl, boolean migrateOnStart,
                        int dbPoolSize, int dbMaxOverflow, String redisUrl, RailSettings rail, List<String> corsOrigins,
                        LogLevel logLevel, String bootstrapAdminKey, boolean trustProxy, Duration sweepInterval,
                        String metricsToken, int maxJsonDepth, Duration shutdownGrace, SecretCipher webhookSecrets,
                        int expectedInstances) {

    public static final String DEFAULT_REDIS_URL = "redis://localhost:6379/0";

    /** {@code HR_ENVIRONMENT}. */
    public enum Environment {
        DEV, STAGING, PROD;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code HR_LOG_LEVEL}. */
    public enum LogLevel {
        DEBUG, INFO, WARNING, ERROR
    }

    public static AppConfig fromEnv(Map<String, String> env) {
        EnvReader in = new EnvReader(env);
        Environment environment = in.choice("HR_ENVIRONMENT", "dev", enumChoices(Environment.values()));
        Tier defaultTier = in.choice("HR_TIER_DEFAULT", "free", tierChoices());
        TierQuotaTable tiers = in.parsed("HR_TIER_QUOTAS",
                value -> JsonSettings.tierQuotas(TierQuotaTable.defaults(), value));
        RetrySchedule retries = in.parsed("HR_WEBHOOK_RETRY_SCHEDULE",
                value -> value == null ? RetrySchedule.defaults() : RetrySchedule.parse(value));
        List<String> allowedHosts = in.hostList("HR_WEBHOOK_ALLOWED_HOSTS");
        RailSettings rail = new RailSettings(tiers, defaultTier,
                Duration.ofSeconds(in.integer("HR_PACKET_TTL_SECONDS", 86_400, 1, 10L * 365 * 86_400)),
                environment == Environment.DEV, retries.delays(),
                Duration.ofSeconds(in.integer("HR_WEBHOOK_TIMEOUT_SECONDS", 10, 1, 300)),
                new LinkedHashSet<>(allowedHosts),
                in.integer("HR_RATE_LIMIT_PER_MINUTE", 60, 1, 1_000_000),
                in.integer("HR_AUTH_FAILURES_PER_MINUTE", 30, 1, 1_000_000),
                (int) in.integer("HR_LEASE_MAX_RELEASES", RailSettings.DEFAULT_LEASE_MAX_RELEASES, 0, 1_000));

        PoolSettings pool = in.delegated(() -> PoolSettings.fromEnv(env));
        in.delegated(() -> DatabaseUrl.fromEnv(env));
        String redisUrl = in.string("HR_REDIS_URL", environment == Environment.DEV ? null : DEFAULT_REDIS_URL);
        if (redisUrl != null) {
            in.delegated(() -> RedisConnection.parse(redisUrl));
        }
        // Every HR_* variable is read and checked above or below, before anything starts (configuration.md);
        // a new one gets its row in docs/configuration.md and in StartupValidationTest.

        return new AppConfig(environment,
                in.host("HR_HOST", "0.0.0.0"),
                (int) in.integer("HR_PORT", 8080, 1, 65_535),
                DatabaseUrl.configuredText(env),
                in.bool("HR_MIGRATE_ON_START", true),
                pool.size(),
                pool.maxOverflow(),
                redisUrl,
                rail,
                in.parsed("HR_CORS_ORIGINS", JsonSettings::corsOrigins),
                in.choice("HR_LOG_LEVEL", "info", enumChoices(LogLevel.values())),
                bootstrapKey(in.get("HR_BOOTSTRAP_ADMIN_KEY")),
                in.bool("HR_TRUST_PROXY", false),
                Duration.ofSeconds(in.integer("HR_SWEEP_INTERVAL_SECONDS", 60, 1, 86_400)),
                metricsToken(in.get("HR_METRICS_TOKEN")),
                (int) in.integer("HR_MAX_JSON_DEPTH", 32, 2, 1_000),
                Duration.ofSeconds(in.integer("HR_SHUTDOWN_GRACE_SECONDS", 20, 0, 3_600)),
                in.parsed("HR_SECRET_KEY", value -> webhookSecrets(value, environment)),
                (int) in.integer("HR_EXPECTED_INSTANCES", 1, 1, 1_000));
    }

    /** Never shows the bootstrap key, the metrics token or database credentials. */
    @Override
    public String toString() {
        return "AppConfig[environment=" + environment.wireName() + ", host=" + host + ", port=" + port
                + ", webhookSecretsEncrypted=" + !webhookSecretsUnencrypted()
                + ", redis=" + (redisUrl != null) + ", corsOrigins=" + corsOrigins + ", logLevel=" + logLevel
                + ", migrateOnStart=" + migrateOnStart + "]";
    }

    /** True when webhook secrets are stored without encryption (development without {@code HR_SECRET_KEY}). */
    public boolean webhookSecretsUnencrypted() {
        return webhookSecrets == SecretCipher.NONE;
    }

    /** The value is never echoed: it is a credential. */
    private static String bootstrapKey(String key) {
        if (key != null && !ApiKeySecrets.isValidBootstrapKey(key)) {
            throw new ConfigException("HR_BOOTSTRAP_ADMIN_KEY: must match ^hr_[A-Za-z0-9_-]{32,}$ with at most 256 "
                    + "characters (generate one with: java -jar handoffrail.jar keys generate)");
        }
        return key;
    }

    /** Sent as {@code Authorization: Bearer <token>}, so visible ASCII only; the value is never echoed. */
    private static String metricsToken(String token) {
        if (token != null && !token.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new ConfigException("HR_METRICS_TOKEN: must be visible ASCII characters without spaces "
                    + "(it is sent as Authorization: Bearer <token>)");
        }
        return token;
    }

    private static SecretCipher webhookSecrets(String key, Environment environment) {
        if (key != null) {
            return AesGcmSecretCipher.fromBase64(key);
        }
        if (environment != Environment.DEV) {
            throw new IllegalArgumentException("HR_SECRET_KEY: required outside dev, to encrypt webhook secrets "
                    + "at rest (generate one with: java -jar handoffrail.jar keys secret)");
        }
        return SecretCipher.NONE;
    }

    /** True when CORS allows every origin (logged as a warning in prod). */
    public boolean corsAllowsAnyOrigin() {
        return corsOrigins.contains("*");
    }

    private static <E extends Enum<E>> Map<String, E> enumChoices(E[] values) {
        Map<String, E> choices = new LinkedHashMap<>();
        for (E value : values) {
            choices.put(value.name().toLowerCase(Locale.ROOT), value);
        }
        return choices;
    }

    private static Map<String, Tier> tierChoices() {
        Map<String, Tier> choices = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            choices.put(tier.wireName(), tier);
        }
        return choices;
    }
}
