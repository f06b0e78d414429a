package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.handoffrail.persistence.sql.DatabaseUrl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files an operator runs (docs/deployment.md, Quick deploy): {@code docker-compose.yml},
 * {@code docker-compose.prod.yml} and {@code .env.example} in the repository root, and {@code docker/Dockerfile}
 * they build, checked against the deployment guide. {@code docker compose config} runs where Docker Compose is
 * installed.
 */
class DeploymentFilesTest {
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:-|:\\?)([^}]*))?}");
    private static final List<String> HEALTH_INTERVALS = List.of("5s", "5s", "5");

    @TempDir
    Path dir;

    @Test
    void the_development_compose_file_serves_the_api_on_8080_with_sqlite_in_a_volume() {
        JsonNode compose = RepositoryFiles.yaml("docker-compose.yml");
        JsonNode api = compose.at("/services/api");

        assertThat(fieldNames(compose.get("services"))).containsExactly("api");
        assertBuildsTheDockerfile(api);
        assertThat(texts(api.get("ports"))).containsExactly("8080:8080");
        assertThat(api.at("/environment/HR_ENVIRONMENT").asText()).isEqualTo("dev");
        assertThat(api.at("/environment/HR_DATABASE_URL").asText())
                .isEqualTo("sqlite:////var/lib/handoffrail/handoffrail.db");
        assertThat(texts(api.get("volumes"))).containsExactly("sqlitedata:/var/lib/handoffrail");
        assertThat(fieldNames(compose.get("volumes"))).containsExactly("sqlitedata");
    }

    @Test
    void the_production_compose_file_runs_the_api_on_postgresql_16_and_redis_7_once_both_are_healthy() {
        JsonNode compose = RepositoryFiles.yaml("docker-compose.prod.yml");
        JsonNode api = compose.at("/services/api");
        JsonNode db = compose.at("/services/db");
        JsonNode redis = compose.at("/services/redis");

        assertThat(fieldNames(compose.get("services"))).containsExactly("api", "db", "redis");
        assertBuildsTheDockerfile(api);
        assertThat(texts(api.get("ports"))).containsExactly("8080:8080");
        assertThat(api.at("/environment/HR_ENVIRONMENT").asText()).isEqualTo("prod");
        assertThat(api.at("/environment/HR_DATABASE_URL").asText())
                .isEqualTo("postgresql://handoffrail:${DB_PASSWORD:?set DB_PASSWORD in .env}@db:5432/handoffrail");
        assertThat(api.at("/environment/HR_REDIS_URL").asText()).isEqualTo("redis://redis:6379/0");
        assertThat(api.at("/depends_on/db/condition").asText()).isEqualTo("service_healthy");
        assertThat(api.at("/depends_on/redis/condition").asText()).isEqualTo("service_healthy");

        assertThat(db.get("image").asText()).isEqualTo("postgres:16-alpine");
        assertThat(texts(db.get("volumes"))).containsExactly("pgdata:/var/lib/postgresql/data");
        assertThat(db.at("/environment/POSTGRES_DB").asText()).isEqualTo("handoffrail");
        assertThat(db.at("/environment/POSTGRES_USER").asText()).isEqualTo("handoffrail");
        assertThat(db.at("/environment/POSTGRES_PASSWORD").asText()).startsWith("${DB_PASSWORD");
        assertThat(texts(db.at("/healthcheck/test"))).containsExactly("CMD-SHELL", "pg_isready -U handoffrail");
        assertThat(healthTimings(db)).isEqualTo(HEALTH_INTERVALS);

        assertThat(redis.get("image").asText()).isEqualTo("redis:7-alpine");
        assertThat(texts(redis.get("volumes"))).containsExactly("redisdata:/data");
        assertThat(texts(redis.at("/healthcheck/test"))).containsExactly("CMD", "redis-cli", "ping");
        assertThat(healthTimings(redis)).isEqualTo(HEALTH_INTERVALS);

        assertThat(fieldNames(compose.get("volumes"))).containsExactly("pgdata", "redisdata");
        // security checklist: neither the database nor Redis is reachable from outside the compose network
        assertThat(db.has("ports")).isFalse();
        assertThat(redis.has("ports")).isFalse();
    }

    @Test
    void the_api_stops_gracefully_before_docker_kills_it() {
        JsonNode api = RepositoryFiles.yaml("docker-compose.prod.yml").at("/services/api");
        int grace = Integer.parseInt(RepositoryFiles.envFile(".env.example").get("HR_SHUTDOWN_GRACE_SECONDS"));

        assertThat(api.get("stop_grace_period").asText()).isEqualTo("30s");
        assertThat(grace).isLessThan(30);
    }

    @Test
    void every_variable_the_compose_files_set_is_a_documented_one() {
        Set<String> documented = RepositoryFiles.documentedVariables().keySet();
        for (String file : List.of("docker-compose.yml", "docker-compose.prod.yml")) {
            List<String> set = fieldNames(RepositoryFiles.yaml(file).at("/services/api/environment"));
            assertThat(set).as(file).isNotEmpty().allSatisfy(name -> assertThat(documented).contains(name));
        }
    }

    @Test
    void env_example_lists_exactly_the_variables_the_production_compose_file_reads() {
        Map<String, String> example = RepositoryFiles.envFile(".env.example");
        Map<String, String> references = interpolations(RepositoryFiles.text("docker-compose.prod.yml"));

        assertThat(example.keySet()).containsExactlyInAnyOrderElementsOf(references.keySet());
        assertThat(example).containsKeys("DB_PASSWORD", "HR_SECRET_KEY", "HR_CORS_ORIGINS");
        assertThat(references).containsEntry("DB_PASSWORD", ":?").containsEntry("HR_SECRET_KEY", ":?")
                .containsEntry("HR_CORS_ORIGINS", ":?");
        Set<String> documented = RepositoryFiles.documentedVariables().keySet();
        assertThat(example.keySet()).filteredOn(name -> name.startsWith("HR_"))
                .allSatisfy(name -> assertThat(documented).contains(name));
    }

    @Test
    void the_production_environment_built_from_a_filled_env_file_is_accepted_by_the_server() {
        Map<String, String> env = new LinkedHashMap<>(RepositoryFiles.envFile(".env.example"));
        env.put("DB_PASSWORD", "c0ffee-and-t34");
        env.put("HR_SECRET_KEY", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=");
        JsonNode environment = RepositoryFiles.yaml("docker-compose.prod.yml").at("/services/api/environment");
        Map<String, String> serverEnv = new LinkedHashMap<>();
        environment.properties().forEach(e -> serverEnv.put(e.getKey(), interpolate(e.getValue().asText(), env)));

        AppConfig config = AppConfig.fromEnv(serverEnv);

        assertThat(config.environment()).isEqualTo(AppConfig.Environment.PROD);
        assertThat(config.corsAllowsAnyOrigin()).isFalse();
        assertThat(config.redisUrl()).isEqualTo("redis://redis:6379/0");
        assertThat(config.webhookSecretsUnencrypted()).isFalse();
        assertThat(DatabaseUrl.parse(config.databaseUrl()).jdbcUrl())
                .isEqualTo("jdbc:postgresql://db:5432/handoffrail");
    }

    @Test
    void the_dockerfile_copies_existing_sources_and_runs_the_shaded_jar_on_8080() {
        String dockerfile = RepositoryFiles.text("docker/Dockerfile");
        List<String> copied = new ArrayList<>();
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) ").matcher(dockerfile);
        while (copy.find()) {
            copied.add(copy.group(1));
        }

        assertThat(copied).isNotEmpty()
                .allSatisfy(source -> assertThat(RepositoryFiles.path(source)).exists());
        assertThat(dockerfile).contains("COPY --from=build /src/handoffrail-app/target/handoffrail.jar "
                + "/opt/handoffrail/handoffrail.jar");
        assertThat(RepositoryFiles.text("handoffrail-app/pom.xml")).contains("<finalName>handoffrail</finalName>");
        assertThat(dockerfile).contains("EXPOSE 8080", "HR_PORT=8080",
                "HR_DATABASE_URL=sqlite:////var/lib/handoffrail/handoffrail.db", "GET /health",
                "ENTRYPOINT [\"java\"", "CMD [\"serve\"]");
        assertThat(RepositoryFiles.text(".dockerignore").lines()).contains("**/target", ".env");
        assertThat(RepositoryFiles.text(".gitignore").lines()).contains(".env");
    }

    @Test
    void the_deployment_guide_runs_the_guides_commands_and_shows_the_production_compose_file_verbatim() {
        String guide = RepositoryFiles.text("docs/deployment.md");

        assertThat(guide).contains("```bash\ndocker compose up\n```", "cp .env.example .env",
                "docker compose -f docker-compose.prod.yml up -d", "```yaml\n"
                        + RepositoryFiles.text("docker-compose.prod.yml") + "```");
        for (String file : List.of("docker-compose.yml", "docker-compose.prod.yml", ".env.example",
                "docker/Dockerfile", "docker/prometheus.yml", "docs/grafana/handoffrail.json",
                "docs/prometheus/alerts.yml")) {
            assertThat(RepositoryFiles.path(file)).exists();
        }
        assertThat(guide).contains("proxy_buffering off", "proxy_set_header Upgrade $http_upgrade",
                "livenessProbe", "readinessProbe", "pg_dump", "pg_restore", "handoffrail.jar backup --to");
    }

    @Test
    void every_variable_and_command_the_deployment_guide_names_exists() {
        String guide = RepositoryFiles.text("docs/deployment.md");
        Set<String> documented = RepositoryFiles.documentedVariables().keySet();
        Matcher variable = Pattern.compile("\\bHR_[A-Z0-9_]+").matcher(guide);
        while (variable.find()) {
            assertThat(documented).contains(variable.group());
        }
        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        Main.run(List.of("help"), Map.of(), new PrintStream(usage, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Matcher command = Pattern.compile("handoffrail\\.jar (\\w+(?: \\w+)?)").matcher(guide);
        int commands = 0;
        while (command.find()) {
            String name = command.group(1);
            String first = name.split(" ")[0];
            assertThat(usage.toString(StandardCharsets.UTF_8)).contains("  " + (first.equals("keys") ? name : first));
            commands++;
        }
        assertThat(commands).isGreaterThanOrEqualTo(4);
    }

    @Test
    void docker_compose_accepts_both_files_where_it_is_installed() throws Exception {
        Assumptions.assumeTrue(dockerComposeAvailable(),
                "docker compose is not installed here — skipping `docker compose config` (the files are parsed above)");
        Path envFile = dir.resolve(".env");
        Files.writeString(envFile, RepositoryFiles.text(".env.example")
                .replace("DB_PASSWORD=\n", "DB_PASSWORD=c0ffee\n")
                .replace("HR_SECRET_KEY=\n", "HR_SECRET_KEY=q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=\n"),
                StandardCharsets.UTF_8);
        for (String file : List.of("docker-compose.yml", "docker-compose.prod.yml")) {
            Process config = new ProcessBuilder("docker", "compose", "-f", RepositoryFiles.path(file).toString(),
                    "--env-file", envFile.toString(), "config", "--quiet").redirectErrorStream(true).start();
            String output = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(config.exitValue()).as(file + ": " + output).isZero();
        }
    }

    private static boolean dockerComposeAvailable() {
        try {
            Process version = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            return version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void assertBuildsTheDockerfile(JsonNode service) {
        assertThat(service.at("/build/context").asText()).isEqualTo(".");
        assertThat(service.at("/build/dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(RepositoryFiles.path("docker/Dockerfile")).exists();
    }

    private static List<String> healthTimings(JsonNode service) {
        JsonNode check = service.get("healthcheck");
        return List.of(check.get("interval").asText(), check.get("timeout").asText(), check.get("retries").asText());
    }

    /** Every {@code ${VAR}}, {@code ${VAR:-default}} or {@code ${VAR:?message}}: name to operator ("" if none). */
    private static Map<String, String> interpolations(String text) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = INTERPOLATION.matcher(text);
        while (matcher.find()) {
            found.put(matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2));
        }
        return found;
    }

    /** Compose's interpolation: a set value, else the {@code :-} default, else an error for {@code :?}. */
    private static String interpolate(String value, Map<String, String> env) {
        Matcher matcher = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String set = env.get(matcher.group(1));
            String replacement;
            if (set != null && !set.isEmpty()) {
                replacement = set;
            } else if (":?".equals(matcher.group(2))) {
                throw new AssertionError("compose would refuse to start: " + matcher.group(3));
            } else {
                replacement = matcher.group(3) == null ? "" : matcher.group(3);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        Set<String> values = new LinkedHashSet<>();
        array.forEach(item -> values.add(item.asText()));
        return List.copyOf(values);
    }
}
