package dev.handoffrail.app.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.handoffrail.client.HandoffRailApiException;
import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.HandoffRailTransportException;
import dev.handoffrail.client.Json;
import dev.handoffrail.client.RetryPolicy;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The client commands of {@code java -jar handoffrail.jar}: {@code packets}, {@code hooks}, {@code keys} (except the
 * local {@code keys generate|secret}) and {@code tenants}, talking to a server through {@code handoffrail-client}.
 * The server is {@code --url} or {@code HR_URL} (default {@code http://localhost:8080}), the key {@code --api-key}
 * or {@code HR_API_KEY}. Tables for people, {@code --json} for scripts. Exit statuses: {@link #OK}, {@link #API_ERROR},
 * {@link #USAGE}, {@link #UNREACHABLE}, {@link #NOTHING}.
 */
public final class Cli {
    /** The command did what it was asked. */
    public static final int OK = 0;
    /** The server answered with an error (its code and detail are printed on standard error). */
    public static final int API_ERROR = 1;
    /** The command line is wrong, or a required setting (the API key) is missing. */
    public static final int USAGE = 2;
    /** The server could not be reached, or did not answer in time. */
    public static final int UNREACHABLE = 3;
    /** {@code packets claim --next} found no packet to claim. */
    public static final int NOTHING = 4;

    public static final String USAGE_TEXT = String.join("\n",
            "client commands (server: --url or HR_URL, default http://localhost:8080; key: --api-key or HR_API_KEY;",
            "add --json for machine-readable output):",
            "  packets create --from ID --to ID --summary TEXT [--from-name N] [--to-name N] [--priority P]",
            "                 [--tag T]... [--hitl-reason R [--hitl-question Q] [--hitl-option O]...]",
            "  packets create --file packet.json",
            "  packets list [--status S[,S]] [--source ID] [--target ID] [--tag T] [--priority P] [--limit N] [--all]",
            "  packets get|history|complete|fail|delete ID",
            "  packets search TEXT [--status S] [--limit N]",
            "  packets awaiting [--limit N]",
            "  packets claim ID --agent ID [--agent-name N]",
            "  packets claim --next --agent ID [--agent-name N] [--target ID|*] [--tag T] [--wait SECONDS]",
            "  packets respond ID --response TEXT --by WHO [--notes TEXT]",
            "  packets watch [--status S[,S]] [--packet ID] [--agent ID] [--channel C]... [--count N]",
            "                [--timeout SECONDS]   (events as they happen; --json: one object a line)",
            "  hooks list | create HOOK_URL --secret S [--event E]... | delete ID | deliveries ID [--status S]",
            "  hooks dlq | replay DELIVERY_ID | retry-all",
            "  keys list | create --name N [--role R] [--tenant T] [--platform-admin] | revoke ID | rotate ID",
            "  tenants list | get ID | keys ID | create --name N [--id ID] [--tier T] | update ID [--name N]",
            "          [--tier T] | delete ID",
            "exit status: 0 done, 1 the server answered with an error, 2 bad command line, 3 server unreachable,",
            "             4 claim --next found nothing");

    private Cli() {
    }

    /** Whether {@code keys SUBCOMMAND} is a client command (the local ones are {@code generate} and {@code secret}). */
    public static boolean isClientKeysCommand(List<String> rest) {
        return !rest.isEmpty() && !List.of("generate", "secret").contains(rest.get(0));
    }

    /** Runs {@code group} ({@code packets}, {@code hooks}, {@code keys}, {@code tenants}) with {@code rest}. */
    public static int run(String group, List<String> rest, Map<String, String> env, PrintStream out,
                          PrintStream err) {
        try {
            CliArgs args = new CliArgs(rest);
            if (args.flag("help")) {
                out.println(USAGE_TEXT);
                return OK;
            }
            if (args.positionals().isEmpty()) {
                throw new UsageException(group + " needs a subcommand");
            }
            Output output = new Output(out, err, args.flag("json"));
            HandoffRailClient client = client(args, env);
            int status = switch (group) {
                case "packets" -> new PacketCommands(client, output).run(args);
                case "hooks" -> AdminCommands.hooks(client, output, args);
                case "keys" -> AdminCommands.keys(client, output, args);
                case "tenants" -> AdminCommands.tenants(client, output, args);
                default -> throw new UsageException("unknown command '" + group + "'");
            };
            return status;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (HandoffRailTransportException e) {
            err.println("error: cannot reach the server: " + e.detail());
            return UNREACHABLE;
        } catch (HandoffRailApiException e) {
            err.println("error: " + e.statusCode() + " " + e.code() + ": " + e.detail()
                    + e.field().map(field -> " (field " + field + ")").orElse("")
                    + e.requestId().map(id -> " [request " + id + "]").orElse(""));
            return API_ERROR;
        }
    }

    private static HandoffRailClient client(CliArgs args, Map<String, String> env) {
        String url = args.option("url");
        if (url == null) {
            url = env.getOrDefault("HR_URL", "http://localhost:8080");
        }
        String key = args.option("api-key");
        if (key == null) {
            key = env.get("HR_API_KEY");
        }
        if (key == null || key.isBlank()) {
            throw new UsageException("an API key is required: set HR_API_KEY or pass --api-key");
        }
        try {
            return HandoffRailClient.builder().baseUrl(url).apiKey(key)
                    .retryPolicy(RetryPolicy.defaults().withMaxAttempts(3)).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Where results go: a table (or a line) for people, or indented JSON with every member for scripts. */
    static final class Output {
        private static final ObjectMapper JSON = Json.newMapper()
                .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS)
                .enable(SerializationFeature.INDENT_OUTPUT);

        private final PrintStream out;
        private final PrintStream err;
        private final boolean json;

        Output(PrintStream out, PrintStream err, boolean json) {
            this.out = out;
            this.err = err;
            this.json = json;
        }

        /** Where news that is not the command's result goes (standard error). */
        PrintStream err() {
            return err;
        }

        boolean json() {
            return json;
        }

        PrintStream out() {
            return out;
        }

        void json(Object value) {
            try {
                out.println(JSON.writeValueAsString(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the client's records always serialise", e);
            }
        }

        /** {@code value} as JSON, or else the table. */
        void print(Object value, Table table) {
            if (json) {
                json(value);
            } else {
                table.print(out);
            }
        }

        /** {@code value} as JSON, or else one line of text. */
        void print(Object value, String line) {
            if (json) {
                json(value);
            } else {
                out.println(line);
            }
        }
    }
}
