package dev.handoffrail.http.packet;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.handoffrail.core.packet.AgentInfo;
import dev.handoffrail.core.packet.HitlCheckpoint;
import dev.handoffrail.core.packet.Packet;
import dev.handoffrail.core.packet.PacketContext;
import dev.handoffrail.core.packet.Timestamps;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A packet as the API shows it (http-api.md §7.2): Jackson writes the components in declaration order, which is
 * the contract's key order, with every documented field present ({@code null} when absent), timestamps as
 * {@link Timestamps#format} text and {@code _links} to the packet's own endpoints. Immutable.
 */
record PacketResponse(String id, String version, @JsonProperty("parent_packet_id") String parentPacketId,
                      @JsonProperty("schema_id") String schemaId, String status, Metadata metadata,
                      ContextView context, List<DecisionView> decisions, ActionsView actions,
                      List<DependencyView> dependencies, HitlView hitl, @JsonProperty("created_at") String createdAt,
                      @JsonProperty("updated_at") String updatedAt, @JsonProperty("_links") Links links) {

    static PacketResponse of(Packet p) {
        String self = PacketRoutes.PACKETS + "/" + p.id();
        return new PacketResponse(p.id().toString(), Packet.FORMAT_VERSION,
                p.parentId() == null ? null : p.parentId().toString(),
                p.schemaId() == null ? null : p.schemaId().toString(), p.status().wireName(), Metadata.of(p),
                ContextView.of(p.context()), map(p.decisions(), DecisionView::of), ActionsView.of(p),
                map(p.dependencies(), DependencyView::of), p.hitl() == null ? null : HitlView.of(p.hitl()),
                Timestamps.format(p.createdAt()), Timestamps.format(p.updatedAt()),
                new Links(self, self + "/claim", self + "/history"));
    }

    record Metadata(@JsonProperty("source_agent") SourceAgent sourceAgent,
                    @JsonProperty("target_agent") TargetAgent targetAgent,
                    @JsonProperty("created_at") String createdAt, @JsonProperty("claimed_at") String claimedAt,
                    @JsonProperty("completed_at") String completedAt, String priority, List<String> tags) {
        static Metadata of(Packet p) {
            return new Metadata(SourceAgent.of(p.sourceAgent()), TargetAgent.of(p.targetAgent()),
                    Timestamps.format(p.createdAt()), Timestamps.format(p.claimedAt()),
                    Timestamps.format(p.completedAt()), p.priority().wireName(), p.tags());
        }
    }

    record SourceAgent(String id, String name, String framework, String version) {
        static SourceAgent of(AgentInfo agent) {
            return new SourceAgent(agent.id(), agent.name(), agent.framework(), agent.version());
        }
    }

    record TargetAgent(String id, String name, String framework) {
        static TargetAgent of(AgentInfo agent) {
            return new TargetAgent(agent.id(), agent.name(), agent.framework());
        }
    }

    record ContextView(String summary, @JsonProperty("conversation_state") List<Turn> conversationState,
                       List<ArtifactView> artifacts, Map<String, Object> custom) {
        static ContextView of(PacketContext c) {
            return new ContextView(c.summary(),
                    map(c.conversationState(), e -> new Turn(e.role().wireName(), e.content(), e.timestamp(),
                            e.metadata())),
                    map(c.artifacts(), a -> new ArtifactView(a.key(), a.value(), a.contentType())), c.custom());
        }
    }

    record Turn(String role, String content, String timestamp, Map<String, Object> metadata) {
    }

    record ArtifactView(String key, Object value, @JsonProperty("content_type") String contentType) {
    }

    record DecisionView(String id, String decision, String rationale, List<String> alternatives,
                        @JsonProperty("decided_by") String decidedBy, String timestamp) {
        static DecisionView of(dev.handoffrail.core.packet.Decision d) {
            return new DecisionView(d.id(), d.decision(), d.rationale(), d.alternatives(), d.decidedBy(),
                    d.timestamp());
        }
    }

    record ActionsView(List<Pending> pending, List<Completed> completed, List<Failed> failed) {
        static ActionsView of(Packet p) {
            return new ActionsView(
                    map(p.actions().pending(), a -> new Pending(a.id(), a.description(), a.assignee(),
                            a.priority() == null ? null : a.priority().wireName(), a.dependsOn(), a.deadline())),
                    map(p.actions().completed(), a -> new Completed(a.id(), a.description(), a.result(),
                            a.completedBy(), a.completedAt())),
                    map(p.actions().failed(), a -> new Failed(a.id(), a.description(), a.error(),
                            a.retriesRemaining())));
        }
    }

    record Pending(String id, String description, String assignee, String priority,
                   @JsonProperty("depends_on") List<String> dependsOn, String deadline) {
    }

    record Completed(String id, String description, String result, @JsonProperty("completed_by") String completedBy,
                     @JsonProperty("completed_at") String completedAt) {
    }

    record Failed(String id, String description, String error,
                  @JsonProperty("retries_remaining") Integer retriesRemaining) {
    }

    record DependencyView(String id, String type, String description, String status, String source) {
        static DependencyView of(dev.handoffrail.core.packet.Dependency d) {
            return new DependencyView(d.id(), d.type().wireName(), d.description(), d.status().wireName(),
                    d.source());
        }
    }

    record HitlView(boolean required, String reason, String question, List<String> options,
                    @JsonProperty("timeout_seconds") Integer timeoutSeconds, String response,
                    @JsonProperty("responded_at") String respondedAt,
                    @JsonProperty("responded_by") String respondedBy, String notes) {
        static HitlView of(HitlCheckpoint h) {
            return new HitlView(h.required(), h.reason(), h.question(), h.options(), h.timeoutSeconds(),
                    h.response(), Timestamps.format(h.respondedAt()), h.respondedBy(), h.notes());
        }
    }

    record Links(String self, String claim, String history) {
    }

    private static <S, T> List<T> map(List<S> items, Function<S, T> view) {
        return items.stream().map(view).toList();
    }
}
