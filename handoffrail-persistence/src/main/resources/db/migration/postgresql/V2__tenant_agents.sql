-- The active agents of each tenant (http-api.md §5.3), kept in the transaction of every packet change so that the
-- max_agents check reads a few rows by key instead of scanning the tenant's active packets. active_packets counts
-- the active packets naming the agent as source or target (a packet naming it twice counts once); an agent that no
-- active packet names has no row, so a tenant's rows are its active agents and their count is bounded by them.
CREATE TABLE tenant_agents (
    tenant_id      TEXT NOT NULL,
    agent_id       TEXT NOT NULL,
    active_packets BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, agent_id)
);

-- Applies the net change of one packet row to tenant_agents. Rows are changed in agent id order, so transactions
-- changing the same agents lock their rows in the same order and never deadlock each other.
CREATE FUNCTION packets_track_active_agents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_active BOOLEAN := TG_OP <> 'INSERT'
        AND OLD.status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
    is_active  BOOLEAN := TG_OP <> 'DELETE'
        AND NEW.status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
    named_before TEXT[][] := '{}';
    named_after  TEXT[][] := '{}';
    change RECORD;
    remaining BIGINT;
BEGIN
    IF was_active THEN
        named_before := ARRAY[[OLD.tenant_id, OLD.source_agent_id], [OLD.tenant_id, OLD.target_agent_id]];
    END IF;
    IF is_active THEN
        named_after := ARRAY[[NEW.tenant_id, NEW.source_agent_id], [NEW.tenant_id, NEW.target_agent_id]];
    END IF;
    FOR change IN
        SELECT tenant_id, agent_id, sum(delta) AS delta
        FROM (SELECT DISTINCT named_after[i][1] AS tenant_id, named_after[i][2] AS agent_id, 1 AS delta
              FROM generate_subscripts(named_after, 1) AS i
              UNION ALL
              SELECT DISTINCT named_before[i][1], named_before[i][2], -1
              FROM generate_subscripts(named_before, 1) AS i) AS named
        GROUP BY tenant_id, agent_id
        HAVING sum(delta) <> 0
        ORDER BY tenant_id COLLATE "C", agent_id COLLATE "C"
    LOOP
        IF change.delta > 0 THEN
            INSERT INTO tenant_agents (tenant_id, agent_id, active_packets)
            VALUES (change.tenant_id, change.agent_id, change.delta)
            ON CONFLICT (tenant_id, agent_id)
                DO UPDATE SET active_packets = tenant_agents.active_packets + EXCLUDED.active_packets;
        ELSE
            UPDATE tenant_agents SET active_packets = active_packets + change.delta
            WHERE tenant_id = change.tenant_id AND agent_id = change.agent_id
            RETURNING active_packets INTO remaining;
            IF remaining <= 0 THEN
                DELETE FROM tenant_agents WHERE tenant_id = change.tenant_id AND agent_id = change.agent_id;
            END IF;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

-- created before the backfill: from here on no packet can change (CREATE TRIGGER locks out writers until commit)
CREATE TRIGGER packets_active_agents_insert_delete AFTER INSERT OR DELETE ON packets
    FOR EACH ROW EXECUTE FUNCTION packets_track_active_agents();
CREATE TRIGGER packets_active_agents_update AFTER UPDATE ON packets
    FOR EACH ROW
    WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.source_agent_id IS DISTINCT FROM NEW.source_agent_id
          OR OLD.target_agent_id IS DISTINCT FROM NEW.target_agent_id OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
    EXECUTE FUNCTION packets_track_active_agents();

INSERT INTO tenant_agents (tenant_id, agent_id, active_packets)
SELECT tenant_id, agent_id, count(*)
FROM (SELECT id, tenant_id, source_agent_id AS agent_id FROM packets
      WHERE status IN ('created', 'claimed', 'in_progress', 'awaiting_human')
      UNION
      SELECT id, tenant_id, target_agent_id FROM packets
      WHERE status IN ('created', 'claimed', 'in_progress', 'awaiting_human')) AS named
GROUP BY tenant_id, agent_id;
