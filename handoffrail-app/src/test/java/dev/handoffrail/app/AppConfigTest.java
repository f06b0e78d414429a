package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.handoffrail.core.tenant.Tier;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {
    private static final String KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    @Test
    void with_no_variables_every_documented_default_applies() {
        AppConfig config = AppConfig.fromEnv(Map.of());

        assertThat(config.environment()).isEqualTo(AppConfig.Environment.DEV);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.databaseUrl()).isEqualTo("sqlite+aiosqlite:///./handoffrail.db");
        assertThat(config.redisUrl()).isNull();
        assertThat(config.migrateOnStart()).isTrue();
        assertThat(config.dbPoolSize()).isEqualTo(10);
        assertThat(config.dbMaxOverflow()).isEqualTo(10);
        assertThat(config.corsOrigins()).containsExactly("*");
        assertThat(config.logLevel()).isEqualTo(AppConfig.LogLevel.INFO);
        assertThat(config.bootstrapAdminKey()).isNull();
        assertThat(config.trustProxy()).isFalse();
        assertThat(config.sweepInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.metricsToken()).isNull();
        assertThat(config.maxJsonDepth()).isEqualTo(32);
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.expectedInstances()).isEqualTo(1);
        assertThat(config.rail().defaultTier()).isEqualTo(Tier.FREE);
        assertThat(config.rail().packetTtl()).isEqualTo(Duration.ofSeconds(86_400));
        assertThat(config.rail().developmentEnvironment()).isTrue();
        assertThat(config.rail().webhookTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.rail().webhookRetryDelays()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(6));
        assertThat(config.rail().webhookAllowedHosts()).isEmpty();
        assertThat(config.rail().rateLimitPerMinute()).isEqualTo(60);
        assertThat(config.rail().authFailuresPerMinute()).isEqualTo(30);
        assertThat(config.rail().tiers().quotasFor(Tier.FREE).handoffsPerDay()).isEqualTo(5);
    }

    @Test
    void database_url_falls_back_to_database_url_then_the_sqlite_default() {
        assertThat(AppConfig.fromEnv(Map.of("DATABASE_URL", "postgres://u:p@db:5432/hr")).databaseUrl())
                .isEqualTo("postgres://u:p@db:5432/hr");
        assertThat(AppConfig.fromEnv(Map.of("DATABASE_URL", "postgres://u:p@db:5432/hr",
                "HR_DATABASE_URL", "sqlite:////var/lib/hr.db")).databaseUrl()).isEqualTo("sqlite:////var/lib/hr.db");
    }

    @Test
    void redis_defaults_to_localhost_outside_dev() {
        assertThat(AppConfig.fromEnv(Map.of("HR_ENVIRONMENT", "prod", "HR_SECRET_KEY", KEY)).redisUrl())
                .isEqualTo("redis://localhost:6379/0");
        assertThat(AppConfig.fromEnv(Map.of("HR_ENVIRONMENT", "staging", "HR_SECRET_KEY", KEY)).redisUrl())
                .isEqualTo("redis://localhost:6379/0");
        assertThat(AppConfig.fromEnv(Map.of("HR_ENVIRONMENT", "prod", "HR_SECRET_KEY", KEY)).rail()
                .developmentEnvironment()).isFalse();
    }

    @Test
    void webhook_secrets_are_encrypted_with_hr_secret_key_which_is_required_outside_dev() {
        assertThat(AppConfig.fromEnv(Map.of()).webhookSecretsUnencrypted()).isTrue();
        assertThat(AppConfig.fromEnv(Map.of("HR_SECRET_KEY", KEY)).webhookSecretsUnencrypted()).isFalse();
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("HR_ENVIRONMENT", "prod")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HR_SECRET_KEY: required outside dev");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("HR_SECRET_KEY", "short")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HR_SECRET_KEY: must be base64 of 32 random bytes");
    }

    @Test
    void every_variable_is_read_under_its_documented_name() {
        AppConfig config = AppConfig.fromEnv(Map.ofEntries(
                Map.entry("HR_ENVIRONMENT", "staging"), Map.entry("HR_HOST", "127.0.0.1"),
                Map.entry("HR_SECRET_KEY", KEY),
                Map.entry("HR_PORT", "9090"), Map.entry("HR_MIGRATE_ON_START", "false"),
                Map.entry("HR_DB_POOL_SIZE", "4"), Map.entry("HR_DB_MAX_OVERFLOW", "0"),
                Map.entry("HR_REDIS_URL", "redis://cache:6379/2"),
                Map.entry("HR_CORS_ORIGINS", "[\"https://a.example\", \"https://b.example\"]"),
                Map.entry("HR_LOG_LEVEL", "warning"), Map.entry("HR_TRUST_PROXY", "true"),
                Map.entry("HR_SWEEP_INTERVAL_SECONDS", "1"), Map.entry("HR_METRICS_TOKEN", "scrape-me"),
                Map.entry("HR_MAX_JSON_DEPTH", "8"), Map.entry("HR_SHUTDOWN_GRACE_SECONDS", "5"),
                Map.entry("HR_EXPECTED_INSTANCES", "3"),
                Map.entry("HR_TIER_DEFAULT", "pro"), Map.entry("HR_PACKET_TTL_SECONDS", "3600"),
                Map.entry("HR_WEBHOOK_TIMEOUT_SECONDS", "3"), Map.entry("HR_WEBHOOK_RETRY_SCHEDULE", "1s,2m"),
                Map.entry("HR_WEBHOOK_ALLOWED_HOSTS", "hooks.internal, 10.0.0.7"),
                Map.entry("HR_RATE_LIMIT_PER_MINUTE", "120"), Map.entry("HR_AUTH_FAILURES_PER_MINUTE", "5"),
                Map.entry("HR_LEASE_MAX_RELEASES", "7"),
                Map.entry("HR_TIER_QUOTAS", "{\"free\": {\"handoffs_per_day\": 10}}"),
                Map.entry("HR_BOOTSTRAP_ADMIN_KEY", "hr_abcdefghijklmnopqrstuvwxyz0123456789")));

        assertThat(config.environment()).isEqualTo(AppConfig.Environment.STAGING);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.migrateOnStart()).isFalse();
        assertThat(config.dbPoolSize()).isEqualTo(4);
        assertThat(config.dbMaxOverflow()).isZero();
        assertThat(config.redisUrl()).isEqualTo("redis://cache:6379/2");
        assertThat(config.corsOrigins()).containsExactly("https://a.example", "https://b.example");
        assertThat(config.logLevel()).isEqualTo(AppConfig.LogLevel.WARNING);
        assertThat(config.trustProxy()).isTrue();
        assertThat(config.sweepInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.metricsToken()).isEqualTo("scrape-me");
        assertThat(config.maxJsonDepth()).isEqualTo(8);
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.expectedInstances()).isEqualTo(3);
        assertThat(config.rail().defaultTier()).isEqualTo(Tier.PRO);
        assertThat(config.rail().packetTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.rail().webhookTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.rail().webhookRetryDelays()).containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(2));
        assertThat(config.rail().webhookAllowedHosts()).isEqualTo(Set.of("hooks.internal", "10.0.0.7"));
        assertThat(config.rail().rateLimitPerMinute()).isEqualTo(120);
        assertThat(config.rail().authFailuresPerMinute()).isEqualTo(5);
        assertThat(config.rail().leaseMaxReleases()).isEqualTo(7);
        assertThat(config.rail().tiers().quotasFor(Tier.FREE).handoffsPerDay()).isEqualTo(10);
        assertThat(config.bootstrapAdminKey()).isEqualTo("hr_abcdefghijklmnopqrstuvwxyz0123456789");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HR_PORT|eighty|HR_PORT: must be an integer between 1 and 65535, got 'eighty'",
        "HR_PORT|0|HR_PORT: must be an integer between 1 and 65535, got '0'",
        "HR_EXPECTED_INSTANCES|0|HR_EXPECTED_INSTANCES: must be an integer between 1 and 1000, got '0'",
        "HR_LEASE_MAX_RELEASES|-1|HR_LEASE_MAX_RELEASES: must be an integer between 0 and 1000, got '-1'",
        "HR_EXPECTED_INSTANCES|two|HR_EXPECTED_INSTANCES: must be an integer between 1 and 1000, got 'two'",
        "HR_ENVIRONMENT|production|HR_ENVIRONMENT: must be one of dev, staging, prod, got 'production'",
        "HR_LOG_LEVEL|verbose|HR_LOG_LEVEL: must be one of debug, info, warning, error, got 'verbose'",
        "HR_TIER_DEFAULT|gold|HR_TIER_DEFAULT: must be one of free, pro, business, got 'gold'",
        "HR_TRUST_PROXY|maybe|HR_TRUST_PROXY: must be true or false, got 'maybe'",
        "HR_CORS_ORIGINS|*|HR_CORS_ORIGINS: must be a JSON list of origins, e.g. [\"https://app.example.com\"]",
        "HR_CORS_ORIGINS|{}|HR_CORS_ORIGINS: must be a JSON list of origins",
        "HR_TIER_QUOTAS|{\"gold\": {}}|HR_TIER_QUOTAS: unknown tier 'gold' (expected free, pro or business)",
    })
    void a_bad_value_fails_with_one_line_naming_the_variable(String name, String value, String message) {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void a_bad_retry_schedule_names_its_variable() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("HR_WEBHOOK_RETRY_SCHEDULE", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HR_WEBHOOK_RETRY_SCHEDULE: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void secrets_never_appear_in_the_string_form() {
        AppConfig config = AppConfig.fromEnv(Map.of("HR_DATABASE_URL", "postgresql://u:s3cret-pw@db/hr",
                "HR_BOOTSTRAP_ADMIN_KEY", "hr_abcdefghijklmnopqrstuvwxyz0123456789", "HR_METRICS_TOKEN", "tok3n"));

        assertThat(config.toString()).doesNotContain("s3cret-pw").doesNotContain("hr_abcdef").doesNotContain("tok3n");
    }
}
