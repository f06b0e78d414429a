package dev.handoffrail.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.handoffrail.app.cli.Cli.Output;
import dev.handoffrail.client.HandoffRailClient;
import dev.handoffrail.client.Json;
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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
