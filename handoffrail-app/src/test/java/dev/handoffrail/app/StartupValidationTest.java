package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Start-up validation of every variable in the table of docs/configuration.md: one accepted value, and one bad value
 * that stops {@code serve} before anything starts with exit status 2 and one line on standard error naming the
 * variable and what it accepts. The table is read from the document, so a documented variable without a case here
 * fails the build.
 */
class StartupValidationTest {
    private static final String SECRET_KEY = "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=";

    /**
     * A variable, a value it accepts (with any variables that value needs), a bad one, the hint the error must give,
     * and for credentials the part of the bad value that must not be echoed.
     */
    record Case(String variable, String good, Map<String, String> goodNeeds, String bad, String accepted,
                String secret) {
        Case(String variable, String good, String bad, String accepted) {
            this(variable, good, Map.of(), bad, accepted, null);
        }

        @Override
        public String toString() {
            return variable;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("HR_ENVIRONMENT", "prod", Map.of("HR_SECRET_KEY", SECRET_KEY), "production",
                    "must be one of dev, staging, prod", null),
            new Case("HR_DATABASE_URL", "postgresql://hr:pw@db:5432/handoffrail", Map.of(),
                    "mysql://hr:hunter2-pw@db/handoffrail", "expected sqlite:///relative.db", "hunter2"),
            new Case("HR_REDIS_URL", "rediss://cache:6380/1", "http://cache:6379",
                    "must start with redis:// or rediss://"),
            new Case("HR_TIER_DEFAULT", "business", "gold", "must be one of free, pro, business"),
            new Case("HR_TIER_QUOTAS", "{\"pro\": {\"max_agents\": 20}}", "{\"gold\": {}}",
                    "(expected free, pro or business)"),
            new Case("HR_LOG_LEVEL", "debug", "verbose", "must be one of debug, info, warning, error"),
            new Case("HR_PORT", "9090", "eighty", "must be an integer between 1 and 65535"),
            new Case("HR_HOST", "127.0.0.1", "not a host", "must be an IP address or a host name"),
            new Case("HR_CORS_ORIGINS", "[\"https://app.example.com\"]", "https://app.example.com",
                    "must be a JSON list of origins"),
            new Case("HR_BOOTSTRAP_ADMIN_KEY", "hr_abcdefghijklmnopqrstuvwxyz0123456789", Map.of(),
                    "hr_too-short-but-secret", "must match ^hr_[A-Za-z0-9_-]{32,}$", "too-short-but-secret"),
            new Case("HR_SECRET_KEY", SECRET_KEY, Map.of(), "bm90LTMyLWJ5dGVz", "must be base64 of 32 random bytes",
                    "bm90LTMyLWJ5dGVz"),
            new Case("HR_MIGRATE_ON_START", "false", "sometimes", "must be true or false"),
            new Case("HR_DB_POOL_SIZE", "4", "0", "must be an integer from 1 to 1000"),
            new Case("HR_DB_MAX_OVERFLOW", "0", "-1", "must be an integer from 0 to 1000"),
            new Case("HR_RATE_LIMIT_PER_MINUTE", "120", "0", "must be an integer between 1 and 1000000"),
            new Case("HR_AUTH_FAILURES_PER_MINUTE", "5", "many", "must be an integer between 1 and 1000000"),
            new Case("HR_TRUST_PROXY", "true", "maybe", "must be true or false"),
            new Case("HR_PACKET_TTL_SECONDS", "3600", "1h", "must be an integer between 1 and"),
            new Case("HR_SWEEP_INTERVAL_SECONDS", "1", "86401", "must be an integer between 1 and 86400"),
            new Case("HR_WEBHOOK_TIMEOUT_SECONDS", "30", "301", "must be an integer between 1 and 300"),
            new Case("HR_WEBHOOK_RETRY_SCHEDULE", "1s,5m,2h", "soon",
                    "expected a whole number and a unit ms, s, m, h or d"),
            new Case("HR_WEBHOOK_ALLOWED_HOSTS", "hooks.internal, 10.0.0.7", "hooks.internal;evil.example",
                    "must be comma-separated host names or IP literals"),
            new Case("HR_METRICS_TOKEN", "scrape-t0ken", Map.of(), "two words", "must be visible ASCII", "two words"),
            new Case("HR_MAX_JSON_DEPTH", "8", "1", "must be an integer between 2 and 1000"),
            new Case("HR_SHUTDOWN_GRACE_SECONDS", "0", "3601", "must be an integer between 0 and 3600"),
            new Case("HR_EXPECTED_INSTANCES", "3", "0", "must be an integer between 1 and 1000"),
            new Case("HR_LEASE_MAX_RELEASES", "5", "1001", "must be an integer between 0 and 1000")
    );

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @Test
    void every_documented_variable_has_a_case_and_every_case_is_documented() {
        List<String> documented = List.copyOf(RepositoryFiles.documentedVariables().keySet());

        assertThat(documented).hasSizeGreaterThanOrEqualTo(25);
        assertThat(CASES.stream().map(Case::variable).toList()).containsExactlyInAnyOrderElementsOf(documented);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_good_value_is_accepted(Case c) {
        Map<String, String> env = new HashMap<>(c.goodNeeds());
        env.put(c.variable(), c.good());

        assertThatCode(() -> AppConfig.fromEnv(env)).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void the_bad_value_stops_start_up_with_one_line_naming_the_variable_and_exit_status_2(Case c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(List.of("serve"), Map.of(c.variable(), c.bad()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(stderr.lines()).hasSize(1);
        assertThat(stderr).startsWith(c.variable()).contains(c.accepted());
        if (c.secret() != null) {
            assertThat(stderr).doesNotContain(c.secret());
        }
    }
}
