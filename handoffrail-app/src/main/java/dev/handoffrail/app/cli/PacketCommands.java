package dev.handoffrail.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.app.cli.Cli.Output;
import dev.handoffrail.client.EventFilter;
import dev.handoffrail.client.EventListener;
import dev.handoffrail.client.EventSubscription;
import dev.handoffrail.client.HandoffRailApiException;
import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.Json;
import dev.handoffrail.client.PacketEvent;
import dev.handoffrail.client.model.AgentInfo;
import dev.handoffrail.client.model.ClaimNextOptions;
import dev.handoffrail.client.model.HistoryEvent;
import dev.handoffrail.client.model.HitlCheckpoint;
import dev.handoffrail.client.model.NewPacket;
import dev.handoffrail.client.model.Packet;
import dev.handoffrail.client.model.PacketHistory;
import dev.handoffrail.client.model.PacketPage;
import dev.handoffrail.client.model.PacketQuery;
import dev.handoffrail.client.model.PacketStatus;
import dev.handoffrail.client.model.Priority;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** {@code packets ...}: one method per subcommand. */
final class PacketCommands {
    private static final ObjectMapper JSON = Json.newMapper();

    private final HandoffRailClient client;
    private final Output output;

    PacketCommands(HandoffRailClient client, Output output) {
        this.client = client;
        this.output = output;
    }

    int run(CliArgs args) {
        String subcommand = args.positional(0, "packets subcommand");
        return switch (subcommand) {
            case "create" -> create(args);
            case "get" -> {
                String id = args.positional(1, "packet id");
                args.rejectUnknown();
                yield packet(client.packets().get(id));
            }
            case "list" -> list(args);
            case "search" -> search(args);
            case "awaiting" -> awaiting(args);
            case "claim" -> claim(args);
            case "complete" -> {
                String id = args.positional(1, "packet id");
                args.rejectUnknown();
                yield packet(client.packets().complete(id));
            }
            case "fail" -> {
                String id = args.positional(1, "packet id");
                args.rejectUnknown();
                yield packet(client.packets().fail(id));
            }
            case "respond" -> respond(args);
            case "history" -> history(args);
            case "watch" -> watch(args);
            case "delete" -> {
                String id = args.positional(1, "packet id");
                args.rejectUnknown();
                client.packets().delete(id);
                output.print(Map.of("id", id, "status", "expired"), "packet " + id + " deleted (expired)");
                yield Cli.OK;
            }
            default -> throw new UsageException("unknown packets subcommand '" + subcommand + "'");
        };
    }

    private int create(CliArgs args) {
        String file = args.option("file");
        NewPacket packet = file != null ? readPacket(Path.of(file)) : packetFromOptions(args);
        args.rejectUnknown();
        return packet(client.packets().create(packet));
    }

    private static NewPacket readPacket(Path file) {
        try {
            return JSON.readValue(Files.readAllBytes(file), NewPacket.class);
        } catch (NoSuchFileException e) {
            throw new UsageException("--file " + file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new UsageException("--file " + file + " is not a packet: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("--file " + file + ": " + e.getMessage());
        }
    }

    private static NewPacket packetFromOptions(CliArgs args) {
        String from = args.required("from");
        String to = args.required("to");
        NewPacket.Builder builder = NewPacket.builder()
                .from(from, Optional.ofNullable(args.option("from-name")).orElse(from))
                .to(to, Optional.ofNullable(args.option("to-name")).orElse(to))
                .summary(args.required("summary"))
                .tags(args.all("tag").toArray(String[]::new));
        String priority = args.option("priority");
        if (priority != null) {
            builder.priority(parse(() -> Priority.fromWire(priority)));
        }
        String reason = args.option("hitl-reason");
        List<String> options = args.all("hitl-option");
        String question = args.option("hitl-question");
        if (reason != null) {
            builder.hitl(HitlCheckpoint.required(reason, question, options.isEmpty() ? null : options));
        } else if (question != null || !options.isEmpty()) {
            throw new UsageException("--hitl-question and --hitl-option need --hitl-reason");
        }
        return builder.build();
    }

    private int list(CliArgs args) {
        PacketQuery query = PacketQuery.all()
                .withStatus(args.all("status").stream().map(s -> parse(() -> PacketStatus.fromWire(s)))
                        .toArray(PacketStatus[]::new))
                .withSourceAgent(args.option("source"))
                .withTargetAgent(args.option("target"))
                .withTags(args.all("tag").toArray(String[]::new));
        String priority = args.option("priority");
        if (priority != null) {
            query = query.withPriority(parse(() -> Priority.fromWire(priority)));
        }
        Integer limit = args.integer("limit");
        if (limit != null) {
            PacketQuery current = query;
            query = parse(() -> current.withLimit(limit));
        }
        boolean all = args.flag("all");
        args.rejectUnknown();
        if (all) {
            List<Packet> packets = client.packets().stream(query).collect(Collectors.toList());
            if (output.json()) {
                output.json(packets);
            } else {
                packetTable(packets).print(output.out());
                output.out().println(packets.size() + " packets");
            }
            return Cli.OK;
        }
        PacketPage page = client.packets().list(query);
        return page(page);
    }

    private int search(CliArgs args) {
        String text = args.positional(1, "search text");
        List<PacketStatus> statuses = args.all("status").stream().map(s -> parse(() -> PacketStatus.fromWire(s)))
                .toList();
        Integer limit = args.integer("limit");
        args.rejectUnknown();
        return page(client.packets().search(text, statuses, null, limit == null ? 50 : limit, 0));
    }

    private int awaiting(CliArgs args) {
        Integer limit = args.integer("limit");
        args.rejectUnknown();
        return page(client.packets().awaiting(limit == null ? 50 : limit, 0));
    }

    private int claim(CliArgs args) {
        String agentId = args.required("agent");
        AgentInfo agent = AgentInfo.of(agentId, Optional.ofNullable(args.option("agent-name")).orElse(agentId));
        if (args.flag("next")) {
            Integer wait = args.integer("wait");
            ClaimNextOptions options = parse(() -> ClaimNextOptions.defaults()
                    .withTargetAgent(args.option("target"))
                    .withTags(args.all("tag").toArray(String[]::new))
                    .withWaitSeconds(wait == null ? 0 : wait));
            args.rejectUnknown();
            Optional<Packet> claimed = client.packets().claimNext(agent, options);
            if (claimed.isEmpty()) {
                output.print(Map.of("claimed", false), "no packet to claim");
                return Cli.NOTHING;
            }
            return packet(claimed.get());
        }
        String id = args.positional(1, "packet id (or --next)");
        args.rejectUnknown();
        return packet(client.packets().claim(id, agent));
    }

    private int respond(CliArgs args) {
        String id = args.positional(1, "packet id");
        String response = args.required("response");
        String by = args.required("by");
        String notes = args.option("notes");
        args.rejectUnknown();
        return packet(client.packets().respond(id, response, by, notes));
    }

    private int history(CliArgs args) {
        String id = args.positional(1, "packet id");
        args.rejectUnknown();
        PacketHistory history = client.packets().history(id);
        Table table = new Table("TIMESTAMP", "EVENT", "ACTOR");
        for (HistoryEvent event : history.events()) {
            table.row(event.timestamp(), event.eventType(), event.actor());
        }
        output.print(history, table);
        return Cli.OK;
    }

    /**
     * {@code packets watch}: prints the events the filter selects as they happen (one line each, or one compact JSON
     * object a line with {@code --json}) until {@code --count} events were printed, {@code --timeout} seconds
     * passed, or the process is interrupted. Connection news goes to standard error. A refusal of the stream
     * (bad key, role too low, channel refused) ends it with the API error status.
     */
    private int watch(CliArgs args) {
        EventFilter filter = watchFilter(args);
        Integer count = args.integer("count");
        Integer timeout = args.integer("timeout");
        args.rejectUnknown();
        if (count != null && count < 1 || timeout != null && timeout < 1) {
            throw new UsageException("--count and --timeout must be at least 1");
        }
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger printed = new AtomicInteger();
        AtomicReference<HandoffRailApiException> refused = new AtomicReference<>();
        PrintStream out = output.out();
        PrintStream err = output.err();
        EventListener listener = new EventListener() {
            @Override
            public void onEvent(PacketEvent event) {
                if (done.getCount() == 0) {
                    return;
                }
                synchronized (out) {
                    out.println(output.json() ? compactJson(event) : eventLine(event));
                    out.flush();
                }
                if (count != null && printed.incrementAndGet() >= count) {
                    done.countDown();
                }
            }

            @Override
            public void onConnected(String connectionId) {
                err.println("watching " + String.join(",", filter.channels()) + " (connection " + connectionId
                        + "); Ctrl-C to stop");
            }

            @Override
            public void onDisconnected(String reason, Duration reconnectIn) {
                err.println("disconnected: " + reason + "; reconnecting in " + reconnectIn.toMillis() + " ms");
            }

            @Override
            public void onError(HandoffRailApiException error) {
                refused.set(error);
            }

            @Override
            public void onClosed() {
                done.countDown();
            }
        };
        EventSubscription subscription = client.events().subscribe(filter, listener);
        try {
            if (timeout == null) {
                done.await();
            } else {
                done.await(timeout, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            subscription.close();
        }
        if (refused.get() != null) {
            throw refused.get();
        }
        return Cli.OK;
    }

    private static EventFilter watchFilter(CliArgs args) {
        List<String> channels = new ArrayList<>();
        args.all("status").stream().flatMap(value -> List.of(value.split(",")).stream())
                .forEach(value -> channels.add("status:" + parse(() -> PacketStatus.fromWire(value)).wireName()));
        args.all("packet").forEach(id -> channels.add("packet:" + id));
        args.all("agent").forEach(id -> channels.add("agent:" + id));
        channels.addAll(args.all("channel"));
        if (channels.isEmpty()) {
            return EventFilter.all();
        }
        return parse(() -> EventFilter.channels(channels.toArray(String[]::new)));
    }

    private static String eventLine(PacketEvent event) {
        return String.join("  ", String.valueOf(event.timestamp()), event.type(), String.valueOf(event.packetId()),
                event.previousStatus().map(previous -> previous + " -> ").orElse("")
                        + Optional.ofNullable(event.status()).orElse("-"),
                Optional.ofNullable(event.sourceAgentId()).orElse("-") + " -> "
                        + Optional.ofNullable(event.targetAgentId()).orElse("-"));
    }

    private static String compactJson(PacketEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event always serialises", e);
        }
    }

    private int packet(Packet packet) {
        Table table = new Table("FIELD", "VALUE")
                .row("id", packet.id())
                .row("status", packet.status().wireName())
                .row("from", packet.sourceAgentId())
                .row("to", packet.targetAgentId())
                .row("priority", packet.metadata().priority() == null ? null : packet.metadata().priority().wireName())
                .row("tags", String.join(",", packet.metadata().tags()))
                .row("summary", packet.summary())
                .row("created_at", packet.createdAt())
                .row("updated_at", packet.updatedAt());
        if (packet.hitl() != null) {
            table.row("hitl", packet.hitl().reason() + (packet.hitl().response() == null ? ""
                    : " -> " + packet.hitl().response()));
        }
        output.print(packet, table);
        return Cli.OK;
    }

    private int page(PacketPage page) {
        if (output.json()) {
            output.json(page);
        } else {
            packetTable(page.packets()).print(output.out());
            output.out().println(page.packets().size() + " of " + page.total() + " packets"
                    + (page.nextCursor() == null ? "" : " (more: --all)"));
        }
        return Cli.OK;
    }

    private static Table packetTable(List<Packet> packets) {
        Table table = new Table("ID", "STATUS", "PRIORITY", "FROM", "TO", "CREATED", "SUMMARY");
        for (Packet packet : packets) {
            table.row(packet.id(), packet.status().wireName(),
                    packet.metadata().priority() == null ? null : packet.metadata().priority().wireName(),
                    packet.sourceAgentId(), packet.targetAgentId(), packet.createdAt(), packet.summary());
        }
        return table;
    }

    /** Runs a parse of user input, turning its rejection into a usage error. */
    static <T> T parse(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
