package dev.handoffrail.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.app.cli.Cli;
import dev.handoffrail.client.model.Tier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI commands of {@code java -jar handoffrail.jar}, run in-process against the real server. */
class CliEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static ClientTestServer server;
    private Map<String, String> env;

    @BeforeAll
    static void startServer() {
        server = ClientTestServer.start(dir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void tenant() {
        env = new HashMap<>();
        env.put("HR_URL", server.url());
        env.put("HR_API_KEY", server.newTenant(Tier.BUSINESS).adminKey());
    }

    private record Run(int status, String out, String err) {
        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    private Run run(String... args) {
        return run(env, args);
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String createdId(String summary) {
        Run created = run("packets", "create", "--from", "sales-01", "--to", "billing-01", "--summary", summary,
                "--json");
        assertThat(created.status()).as(created.err()).isEqualTo(Cli.OK);
        return created.json().get("id").asText();
    }

    @Test
    void packets_create_prints_the_packet_as_a_table_or_as_json() {
        Run table = run("packets", "create", "--from", "sales-01", "--from-name", "SalesBot", "--to", "billing-01",
                "--summary", "Upgrade to Business", "--priority", "high", "--tag", "upgrade");

        assertThat(table.status()).isEqualTo(Cli.OK);
        assertThat(table.out()).startsWith("FIELD       VALUE\n").contains("status      created\n")
                .contains("from        sales-01\n").contains("priority    high\n").contains("tags        upgrade\n")
                .contains("summary     Upgrade to Business\n");
        assertThat(table.err()).isEmpty();

        Run json = run("packets", "create", "--from", "sales-01", "--to", "billing-01", "--summary", "Second",
                "--json");
        assertThat(json.json().get("status").asText()).isEqualTo("created");
        assertThat(json.json().get("metadata").get("source_agent").get("name").asText()).isEqualTo("sales-01");
        assertThat(json.json().get("hitl").isNull()).isTrue();
    }

    @Test
    void packets_create_reads_a_packet_file() throws IOException {
        Path file = dir.resolve("packet.json");
        Files.writeString(file, """
                {"metadata": {"source_agent": {"id": "sales-01", "name": "SalesBot"},
                              "target_agent": {"id": "billing-01", "name": "BillingBot"}, "tags": ["from-file"]},
                 "context": {"summary": "From a file"}}""");

        Run created = run("packets", "create", "--file", file.toString(), "--json");

        assertThat(created.status()).as(created.err()).isEqualTo(Cli.OK);
        assertThat(created.json().get("context").get("summary").asText()).isEqualTo("From a file");
        assertThat(created.json().get("metadata").get("tags").get(0).asText()).isEqualTo("from-file");

        Run missing = run("packets", "create", "--file", dir.resolve("absent.json").toString());
        assertThat(missing.status()).isEqualTo(Cli.USAGE);
        assertThat(missing.err()).startsWith("error: --file " + dir.resolve("absent.json") + ": no such file");
    }

    @Test
    void packets_list_filters_by_status_and_prints_a_table_or_the_page_as_json() {
        String first = createdId("First handoff");
        String second = createdId("Second handoff");
        assertThat(run("packets", "claim", first, "--agent", "billing-01").status()).isEqualTo(Cli.OK);

        Run claimed = run("packets", "list", "--status", "claimed", "--json");
        assertThat(claimed.status()).isEqualTo(Cli.OK);
        assertThat(claimed.json().get("total").asInt()).isEqualTo(1);
        assertThat(claimed.json().get("packets").get(0).get("id").asText()).isEqualTo(first);

        Run table = run("packets", "list");
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(0)).startsWith("ID").contains("STATUS").contains("SUMMARY");
        assertThat(lines.get(1)).startsWith(second).contains("created").endsWith("Second handoff");
        assertThat(lines.get(2)).startsWith(first).contains("claimed");
        assertThat(lines.get(3)).isEqualTo("2 of 2 packets");

        Run all = run("packets", "list", "--all", "--limit", "1", "--json");
        assertThat(all.json()).hasSize(2);
        Run paged = run("packets", "list", "--limit", "1");
        assertThat(paged.out()).endsWith("1 of 2 packets (more: --all)\n");
    }

    @Test
    void a_packet_goes_through_get_claim_complete_and_history() {
        String id = createdId("Work through the CLI");

        assertThat(run("packets", "get", id).out()).contains("status      created");
        Run claimed = run("packets", "claim", id, "--agent", "billing-01", "--agent-name", "BillingBot", "--json");
        assertThat(claimed.json().get("metadata").get("target_agent").get("name").asText()).isEqualTo("BillingBot");
        assertThat(run("packets", "complete", id, "--json").json().get("status").asText()).isEqualTo("completed");

        Run history = run("packets", "history", id);
        List<String> lines = history.out().lines().toList();
        assertThat(lines.get(0)).matches("TIMESTAMP +EVENT {6}ACTOR");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).contains("  created    agent:sales-01");
        assertThat(lines.get(2)).contains("  claimed    agent:billing-01");
        assertThat(lines.get(3)).contains("  completed  agent:billing-01");
        assertThat(run("packets", "history", id, "--json").json().get("events")).hasSize(3);
    }

    @Test
    void search_respond_claim_next_fail_and_delete_work_from_the_command_line() {
        String refund = createdId("Customer asks for a refund");
        assertThat(run("packets", "search", "refunds", "--json").json().get("packets").get(0).get("id").asText())
                .isEqualTo(refund);

        Run hitl = run("packets", "create", "--from", "sales-01", "--to", "billing-01", "--summary", "Approve?",
                "--hitl-reason", "over limit", "--hitl-option", "Approve", "--hitl-option", "Deny", "--json");
        String waiting = hitl.json().get("id").asText();
        assertThat(hitl.json().get("status").asText()).isEqualTo("awaiting_human");
        assertThat(run("packets", "awaiting", "--json").json().get("total").asInt()).isEqualTo(1);
        Run responded = run("packets", "respond", waiting, "--response", "Approve", "--by", "manager@example.com");
        assertThat(responded.out()).contains("hitl        over limit -> Approve");

        Run next = run("packets", "claim", "--next", "--agent", "billing-01", "--json");
        assertThat(next.status()).isEqualTo(Cli.OK);
        assertThat(next.json().get("id").asText()).isEqualTo(refund);
        Run none = run("packets", "claim", "--next", "--agent", "billing-01");
        assertThat(none.status()).isEqualTo(Cli.NOTHING);
        assertThat(none.out()).isEqualTo("no packet to claim\n");

        assertThat(run("packets", "fail", refund, "--json").json().get("status").asText()).isEqualTo("failed");
        Run deleted = run("packets", "delete", refund);
        assertThat(deleted.out()).isEqualTo("packet " + refund + " deleted (expired)\n");
    }

    @Test
    void keys_commands_reach_the_server_while_generate_and_secret_stay_local() {
        Run created = run("keys", "create", "--name", "ci-reader", "--role", "reader");
        assertThat(created.status()).as(created.err()).isEqualTo(Cli.OK);
        String secretLine = created.out().lines().filter(line -> line.startsWith("key (shown only this once): hr_"))
                .findFirst().orElseThrow();
        assertThat(secretLine).hasSize("key (shown only this once): ".length() + 46);

        Run listed = run("keys", "list", "--json");
        assertThat(listed.json()).hasSize(2);
        String readerId = listed.json().get(0).get("id").asText();
        assertThat(listed.json().get(0).get("key").isNull()).isTrue();
        assertThat(run("keys", "rotate", readerId, "--json").json().get("name").asText())
                .isEqualTo("ci-reader (rotated)");
        assertThat(run("keys", "revoke", readerId).status()).isEqualTo(Cli.API_ERROR);

        Map<String, String> noServer = Map.of();
        Run generated = run(noServer, "keys", "generate");
        assertThat(generated.status()).isZero();
        assertThat(generated.out().trim()).startsWith("hr_").hasSize(46);
        assertThat(run(noServer, "keys", "secret").status()).isZero();
    }

    @Test
    void hooks_and_tenants_commands_manage_the_server() {
        Map<String, String> platform = new HashMap<>(env);
        platform.put("HR_API_KEY", ClientTestServer.ADMIN_KEY);

        Run tenant = run(platform, "tenants", "create", "--name", "CLI Corp", "--id", "cli-corp", "--tier", "pro");
        assertThat(tenant.status()).as(tenant.err()).isEqualTo(Cli.OK);
        assertThat(tenant.out().lines().skip(1).findFirst().orElseThrow()).startsWith("cli-corp  CLI Corp  pro");
        assertThat(run(platform, "tenants", "update", "cli-corp", "--tier", "business", "--json").json()
                .get("tier").asText()).isEqualTo("business");
        assertThat(run(platform, "tenants", "get", "cli-corp", "--json").json().get("name").asText())
                .isEqualTo("CLI Corp");
        assertThat(run(platform, "tenants", "list").out()).contains("cli-corp").contains("default");
        assertThat(run(platform, "tenants", "keys", "cli-corp", "--json").json()).isEmpty();
        assertThat(run(platform, "tenants", "delete", "cli-corp").out()).isEqualTo("tenant cli-corp deleted\n");

        Run hook = run("hooks", "create", "http://127.0.0.1:9/hook", "--secret", "whsec_cli_secret_value",
                "--event", "packet.created,packet.completed", "--json");
        assertThat(hook.status()).as(hook.err()).isEqualTo(Cli.OK);
        String hookId = hook.json().get("id").asText();
        assertThat(hook.json().get("events")).hasSize(2);
        assertThat(run("hooks", "list").out()).contains(hookId).contains("packet.created,packet.completed");
        assertThat(run("hooks", "deliveries", hookId, "--json").json()).isEmpty();
        assertThat(run("hooks", "dlq", "--json").json()).isEmpty();
        assertThat(run("hooks", "retry-all").out()).isEqualTo("retried 0: 0 succeeded, 0 failed\n");
        assertThat(run("hooks", "replay", "00000000-0000-4000-8000-000000000000").status()).isEqualTo(Cli.API_ERROR);
        assertThat(run("hooks", "delete", hookId).out()).isEqualTo("webhook " + hookId + " deactivated\n");
    }

    @Test
    void errors_are_reported_with_documented_exit_statuses() throws IOException {
        Run missing = run("packets", "get", "00000000-0000-4000-8000-000000000000");
        assertThat(missing.status()).isEqualTo(Cli.API_ERROR);
        assertThat(missing.err()).startsWith("error: 404 NOT_FOUND: Packet 00000000-0000-4000-8000-000000000000 "
                + "not found [request ");
        assertThat(missing.out()).isEmpty();

        Run invalid = run("packets", "create", "--from", "", "--to", "b", "--summary", "s");
        assertThat(invalid.status()).isEqualTo(Cli.API_ERROR);
        assertThat(invalid.err()).contains("400 VALIDATION_ERROR").contains("(field metadata.source_agent.id)");

        Run usage = run("packets", "create", "--to", "b", "--summary", "s");
        assertThat(usage.status()).isEqualTo(Cli.USAGE);
        assertThat(usage.err()).startsWith("error: --from is required\n");
        assertThat(run("packets", "list", "--stauts", "created").err()).startsWith("error: unknown option --stauts");
        assertThat(run("packets", "list", "--status", "done").err())
                .startsWith("error: 'done' is not one of: created, claimed, in_progress");
        assertThat(run("packets", "frobnicate").status()).isEqualTo(Cli.USAGE);
        Run bare = run("hooks");
        assertThat(bare.status()).isEqualTo(Cli.USAGE);
        assertThat(bare.err()).startsWith("error: hooks needs a subcommand\n");
        Run help = run("tenants", "--help");
        assertThat(help.status()).isEqualTo(Cli.OK);
        assertThat(help.out()).contains("exit status: 0 done");

        Run noKey = run(Map.of("HR_URL", server.url()), "packets", "list");
        assertThat(noKey.status()).isEqualTo(Cli.USAGE);
        assertThat(noKey.err()).startsWith("error: an API key is required: set HR_API_KEY or pass --api-key");

        Run badKey = run(Map.of(), "packets", "list", "--url", server.url(), "--api-key", "hr_nope_0123456789012345678901234567890");
        assertThat(badKey.status()).isEqualTo(Cli.API_ERROR);
        assertThat(badKey.err()).startsWith("error: 401 UNAUTHORIZED: Invalid API key");

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Run unreachable = run(Map.of("HR_URL", "http://127.0.0.1:" + closed, "HR_API_KEY", "hr_x"), "packets",
                "list");
        assertThat(unreachable.status()).isEqualTo(Cli.UNREACHABLE);
        assertThat(unreachable.err()).startsWith("error: cannot reach the server: ");
    }
}
