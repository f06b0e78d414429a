package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    private int run(Map<String, String> env, String... args) {
        return Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_lists_every_command() {
        assertThat(run(Map.of(), "help")).isZero();
        assertThat(stdout()).contains("serve", "migrate", "backup --to FILE", "keys generate");
    }

    @Test
    void an_unknown_command_is_a_usage_error() {
        assertThat(run(Map.of(), "sreve")).isEqualTo(2);
        assertThat(stderr()).startsWith("unknown command 'sreve'\nusage: java -jar handoffrail.jar");
    }

    @Test
    void a_bad_variable_stops_start_up_with_one_line_naming_it() {
        assertThat(run(Map.of("HR_PORT", "eighty"), "serve")).isEqualTo(2);
        assertThat(stderr()).isEqualTo("HR_PORT: must be an integer between 1 and 65535, got 'eighty'"
                + System.lineSeparator());
    }

    @Test
    void an_invalid_bootstrap_key_refuses_to_start() {
        Map<String, String> env = Map.of("HR_DATABASE_URL", "sqlite:///" + dir.resolve("rail.db"),
                "HR_BOOTSTRAP_ADMIN_KEY", "not-a-key", "HR_LOG_LEVEL", "error");
        assertThat(run(env, "serve")).isEqualTo(2);
        assertThat(stderr().lines()).hasSize(1);
        assertThat(stderr()).contains("HR_BOOTSTRAP_ADMIN_KEY").doesNotContain("not-a-key");
    }

    @Test
    void keys_generate_prints_a_fresh_key() {
        assertThat(run(Map.of(), "keys", "generate")).isZero();
        assertThat(stdout().trim()).matches("hr_[A-Za-z0-9_-]{43}");
    }

    @Test
    void keys_secret_prints_a_key_that_hr_secret_key_accepts() {
        assertThat(run(Map.of(), "keys", "secret")).isZero();
        String key = stdout().trim();
        AppConfig config = AppConfig.fromEnv(Map.of("HR_ENVIRONMENT", "prod", "HR_SECRET_KEY", key));
        assertThat(config.webhookSecretsUnencrypted()).isFalse();
    }

    @Test
    void migrate_is_idempotent() {
        Map<String, String> env = Map.of("HR_DATABASE_URL", "sqlite:///" + dir.resolve("rail.db"));
        assertThat(run(env, "migrate")).isZero();
        assertThat(run(env, "migrate")).isZero();
        assertThat(stdout()).contains("migrations applied: sqlite schema is up to date");
        assertThat(dir.resolve("rail.db")).exists();
    }

    @Test
    void backup_copies_the_sqlite_database_and_never_overwrites() {
        Map<String, String> env = Map.of("HR_DATABASE_URL", "sqlite:///" + dir.resolve("rail.db"));
        assertThat(run(env, "migrate")).isZero();
        Path copy = dir.resolve("backup.db");

        assertThat(run(env, "backup", "--to", copy.toString())).isZero();
        assertThat(copy).exists();
        assertThat(run(env, "backup", "--to", copy.toString())).isEqualTo(2);
        assertThat(stderr()).contains("already exists");
    }

    @Test
    void backup_without_a_target_is_a_usage_error() {
        assertThat(run(Map.of(), "backup")).isEqualTo(2);
        assertThat(stderr()).startsWith("backup needs --to FILE");
    }

    @Test
    void backup_of_postgresql_points_to_pg_dump() throws Exception {
        Map<String, String> env = Map.of("HR_DATABASE_URL", "postgresql://u:secret@127.0.0.1:1/x");
        assertThat(run(env, "backup", "--to", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(stderr()).contains("pg_dump").doesNotContain("secret");
        assertThat(Files.exists(dir.resolve("x"))).isFalse();
    }
}
