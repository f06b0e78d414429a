-- The active agents of each tenant (http-api.md §5.3), kept by triggers in the transaction of every packet change
-- so that the max_agents check reads a few rows by key instead of scanning the tenant's active packets.
-- active_packets counts the active packets naming the agent as source or target (a packet naming it twice counts
-- once); an agent that no active packet names has no row, so a tenant's rows are its active agents.
CREATE TABLE tenant_agents (
    tenant_id      TEXT NOT NULL,
    agent_id       TEXT NOT NULL,
    active_packets INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, agent_id)
) WITHOUT ROWID;

INSERT INTO tenant_agents (tenant_id, agent_id, active_packets)
SELECT tenant_id, agent_id, count(*)
FROM (SELECT id, tenant_id, source_agent_id AS agent_id FROM packets
      WHERE status IN ('created', 'claimed', 'in_progress', 'awaiting_human')
      UNION
      SELECT id, tenant_id, target_agent_id FROM packets
      WHERE status IN ('created', 'claimed', 'in_progress', 'awaiting_human'))
GROUP BY tenant_id, agent_id;

CREATE TRIGGER packets_active_agents_insert AFTER INSERT ON packets
WHEN new.status IN ('created', 'claimed', 'in_progress', 'awaiting_human')
BEGIN
    INSERT OR IGNORE INTO tenant_agents (tenant_id, agent_id, active_packets)
    VALUES (new.tenant_id, new.source_agent_id, 0), (new.tenant_id, new.target_agent_id, 0);
    UPDATE tenant_agents SET active_packets = active_packets + 1
    WHERE tenant_id = new.tenant_id AND agent_id IN (new.source_agent_id, new.target_agent_id);
END;

CREATE TRIGGER packets_active_agents_delete AFTER DELETE ON packets
WHEN old.status IN ('created', 'claimed', 'in_progress', 'awaiting_human')
BEGIN
    UPDATE tenant_agents SET active_packets = active_packets - 1
    WHERE tenant_id = old.tenant_id AND agent_id IN (old.source_agent_id, old.target_agent_id);
    DELETE FROM tenant_agents
    WHERE tenant_id = old.tenant_id AND agent_id IN (old.source_agent_id, old.target_agent_id)
      AND active_packets <= 0;
END;

-- only the agents that start or stop being named change: first the new ones are counted, then the old ones released
CREATE TRIGGER packets_active_agents_update AFTER UPDATE OF tenant_id, status, source_agent_id, target_agent_id
ON packets
WHEN old.status IS NOT new.status OR old.source_agent_id IS NOT new.source_agent_id
     OR old.target_agent_id IS NOT new.target_agent_id OR old.tenant_id IS NOT new.tenant_id
BEGIN
    INSERT OR IGNORE INTO tenant_agents (tenant_id, agent_id, active_packets)
    SELECT new.tenant_id, agent_id, 0 FROM (SELECT new.source_agent_id AS agent_id UNION SELECT new.target_agent_id)
    WHERE new.status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
    UPDATE tenant_agents SET active_packets = active_packets + 1
    WHERE new.status IN ('created', 'claimed', 'in_progress', 'awaiting_human')
      AND tenant_id = new.tenant_id AND agent_id IN (new.source_agent_id, new.target_agent_id)
      AND NOT (old.status IN ('created', 'claimed', 'in_progress', 'awaiting_human')
               AND old.tenant_id = new.tenant_id AND agent_id IN (old.source_agent_id, old.target_agent_id));
    UPDATE tenant_agents SET active_packets = active_packets - 1
    WHERE old.status IN ('created', 'claimed', 'in_progress', 'awaiting_human')
      AND tenant_id = old.tenant_id AND agent_id IN (old.source_agent_id, old.target_agent_id)
      AND NOT (new.status IN ('created', 'claimed', 'in_progress', 'awaiting_human')
               AND old.tenant_id = new.tenant_id AND agent_id IN (new.source_agent_id, new.target_agent_id));
    DELETE FROM tenant_agents
    WHERE tenant_id = old.tenant_id AND agent_id IN (old.source_agent_id, old.target_agent_id)
      AND active_packets <= 0;
END;
