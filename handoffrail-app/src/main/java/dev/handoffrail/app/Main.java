package dev.handoffrail.app;

import dev.handoffrail.app.cli.Cli;
import dev.handoffrail.core.auth.ApiKeySecrets;
import dev.handoffrail.core.webhook.AesGcmSecretCipher;
import dev.handoffrail.persistence.sql.DatabaseUrl;
import dev.handoffrail.persistence.sql.SqlPersistence;
import dev.handoffrail.persistence.sql.SqliteBackup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar handoffrail.jar [serve | migrate | backup --to FILE | keys generate|secret | help]}, and the client
 * commands {@code packets}, {@code hooks}, {@code keys list|create|revoke|rotate} and {@code tenants} ({@link Cli}),
 * which talk to a running server. Configuration comes from the environment; errors are one line on standard error
 * and exit status 2 (the client commands document their own statuses).
 */
public final class Main {
    private static final String USAGE = String.join("\n",
            "usage: java -jar handoffrail.jar [command]",
            "",
            "commands:",
            "  serve              start the HTTP server (default)",
            "  migrate            apply database migrations and exit (idempotent)",
            "  backup --to FILE   copy the SQLite database consistently to FILE while it may be in use",
            "  keys generate      print a new random API key, e.g. for HR_BOOTSTRAP_ADMIN_KEY",
            "  keys secret        print a new random HR_SECRET_KEY (encrypts webhook secrets at rest)",
            "  help               show this text",
            "",
            "configuration: HR_* environment variables (see docs/configuration.md)",
            "",
            Cli.USAGE_TEXT);

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one command; returns the exit status ({@code serve} returns once the server has started). */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.isEmpty() ? "serve" : args.get(0);
        List<String> rest = args.isEmpty() ? List.of() : args.subList(1, args.size());
        if (List.of("packets", "hooks", "tenants").contains(command)
                || command.equals("keys") && Cli.isClientKeysCommand(rest)) {
            return Cli.run(command, rest, env, out, err);
        }
        try {
            switch (command) {
                case "serve" -> serve(env, err);
                case "migrate" -> migrate(env, out);
                case "backup" -> backup(args.subList(1, args.size()), env, out);
                case "keys" -> keys(args.subList(1, args.size()), out);
                case "help", "--help", "-h" -> out.println(USAGE);
                default -> throw new UsageException("unknown command '" + EnvReader.printable(command) + "'");
            }
            return 0;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    private static void serve(Map<String, String> env, PrintStream err) {
        AppConfig config = AppConfig.fromEnv(env);
        Application app = startOrExplain(config, err);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "handoffrail-shutdown"));
    }

    private static Application startOrExplain(AppConfig config, PrintStream err) {
        try {
            return Application.start(config, err);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static void migrate(Map<String, String> env, PrintStream out) {
        AppConfig config = AppConfig.fromEnv(env);
        try (SqlPersistence db = Application.openPersistence(config, true)) {
            out.println("migrations applied: " + db.backend() + " schema is up to date");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static void backup(List<String> args, Map<String, String> env, PrintStream out) {
        if (args.size() != 2 || !args.get(0).equals("--to")) {
            throw new UsageException("backup needs --to FILE");
        }
        AppConfig config = AppConfig.fromEnv(env);
        Path target = Path.of(args.get(1));
        try {
            SqliteBackup.of(DatabaseUrl.parse(config.databaseUrl())).backupTo(target);
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException("backup: " + target + " already exists; choose a new file");
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("backup: " + e.getMessage());
        }
        out.println("backup written to " + target.toAbsolutePath());
    }

    private static void keys(List<String> args, PrintStream out) {
        String subcommand = args.size() == 1 ? args.get(0) : "";
        switch (subcommand) {
            case "generate" -> out.println(ApiKeySecrets.generate(new SecureRandom()));
            case "secret" -> out.println(AesGcmSecretCipher.generateKey(new SecureRandom()));
            default -> throw new UsageException(
                    "keys needs a subcommand: generate or secret (local), or list, create, revoke, rotate (server)");
        }
    }

    /** The command line itself is wrong. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
