-- tenant_agents in stripes. With one row per (tenant, agent), every create naming the same agents updated the same
-- row and held its lock until commit, so a tenant's creates queued behind one another (pg_stat_activity under
-- load: Lock:transactionid on INSERT INTO packets). Each packet now counts in one of 16 stripes picked from its id,
-- so concurrent creates rarely meet on a row. An agent's active packets are the sum of its stripes; a stripe that
-- falls to 0 is deleted, so the tenant's distinct agent ids are still exactly its active agents.

-- no packet may change while the counts are rebuilt
LOCK TABLE packets IN SHARE ROW EXCLUSIVE MODE;

ALTER TABLE tenant_agents ADD COLUMN stripe SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE tenant_agents DROP CONSTRAINT tenant_agents_pkey;
ALTER TABLE tenant_agents ADD PRIMARY KEY (tenant_id, agent_id, stripe);
ALTER TABLE tenant_agents ALTER COLUMN stripe DROP DEFAULT;

-- The stripe a packet counts in: fixed by its id, so the change that ends it finds the row that started it.
CREATE FUNCTION packet_agent_stripe(packet_id UUID) RETURNS SMALLINT LANGUAGE sql IMMUTABLE AS $$
    SELECT (hashtext(packet_id::text) & 15)::smallint
$$;

-- As V2, within the packet's stripe. Rows are changed in (tenant, agent) order, so transactions changing the
-- same rows lock them in the same order and never deadlock each other.
CREATE OR REPLACE FUNCTION packets_track_active_agents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_active BOOLEAN := TG_OP <> 'INSERT'
        AND OLD.status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
    is_active  BOOLEAN := TG_OP <> 'DELETE'
        AND NEW.status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
    packet_stripe SMALLINT := packet_agent_stripe(CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
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
            INSERT INTO tenant_agents (tenant_id, agent_id, stripe, active_packets)
            VALUES (change.tenant_id, change.agent_id, packet_stripe, change.delta)
            ON CONFLICT (tenant_id, agent_id, stripe)
                DO UPDATE SET active_packets = tenant_agents.active_packets + EXCLUDED.active_packets;
        ELSE
            UPDATE tenant_agents SET active_packets = active_packets + change.delta
            WHERE tenant_id = change.tenant_id AND agent_id = change.agent_id AND stripe = packet_stripe
            RETURNING active_packets INTO remaining;
            IF remaining <= 0 THEN
                DELETE FROM tenant_agents
                WHERE tenant_id = change.tenant_id AND agent_id = change.agent_id AND stripe = packet_stripe;
            END IF;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

DELETE FROM tenant_agents;
INSERT INTO tenant_agents (tenant_id, agent_id, stripe, active_packets)
SELECT tenant_id, agent_id, stripe, count(*)
FROM (SELECT id, tenant_id, source_agent_id AS agent_id, packet_agent_stripe(id) AS stripe FROM packets
      WHERE status IN ('created', 'claimed', 'in_progress', 'awaiting_human')
      UNION
      SELECT id, tenant_id, target_agent_id, packet_agent_stripe(id) FROM packets
      WHERE status IN ('created', 'claimed', 'in_progress', 'awaiting_human')) AS named
GROUP BY tenant_id, agent_id, stripe;
