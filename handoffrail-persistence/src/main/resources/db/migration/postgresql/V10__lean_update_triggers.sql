-- Cheaper packet updates (issue 8). A claim or a completion updates one packets row, and V8's triggers made that
-- update do more work than the row itself: pgbench of create -> claim -> complete inside the database (8 clients,
-- the product's statements) ran about a third faster with the triggers disabled. Three changes, none of them to
-- what is counted:
--
-- 1. tenant_agents. V8's update trigger ran a query over arrays for every status change, even when nothing was to be
--    counted (a claim by the target agent, in_progress, awaiting_human and back). An update that keeps the tenant
--    and the source agent, which is every update the product makes, now fires only when the packet becomes active
--    or inactive or its target agent changes, and counts with one statement per agent. An update that changes the
--    tenant or the source agent, which only a hand-written statement can, still runs V8's function.
-- 2. packet_counts. Its own update trigger, fired only when a counted column changes (V8's fired whenever the
--    columns were set), with one upsert per row instead of an INSERT ... SELECT.
-- 3. search_vector. A stored generated column is computed again by every update that sets search_text, and the
--    product's updates always set it, changed or not: to_tsvector ran on every claim and completion. The column is
--    now a plain one that a trigger computes on insert and when search_text changes.

-- 1. tenant_agents

-- As V8's packets_track_active_agents for an update that keeps the tenant and the source agent: the source counts
-- once whatever its role, the old target loses the packet if it was active and the new target gains it if it is.
-- Rows are changed in agent order ("C" collation), as V8 does, so concurrent transactions never deadlock on them.
CREATE FUNCTION packets_track_target_agents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_active BOOLEAN := OLD.status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
    is_active  BOOLEAN := NEW.status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
    packet_stripe SMALLINT := packet_counter_stripe(NEW.id, NEW.counter_stripe);
    agents TEXT[] := ARRAY[NEW.source_agent_id];
    deltas INTEGER[] := ARRAY[is_active::integer - was_active::integer];
    moved_agent TEXT;
    moved_delta INTEGER;
    j INTEGER;
    remaining BIGINT;
BEGIN
    IF OLD.target_agent_id <> NEW.source_agent_id THEN
        agents := agents || OLD.target_agent_id;
        deltas := deltas || -was_active::integer;
    END IF;
    IF NEW.target_agent_id <> NEW.source_agent_id THEN
        IF NEW.target_agent_id = OLD.target_agent_id THEN
            deltas[2] := deltas[2] + is_active::integer;
        ELSE
            agents := agents || NEW.target_agent_id;
            deltas := deltas || is_active::integer;
        END IF;
    END IF;
    -- insertion sort of at most three agents
    FOR i IN 2..cardinality(agents) LOOP
        j := i;
        WHILE j > 1 AND agents[j] COLLATE "C" < agents[j - 1] COLLATE "C" LOOP
            moved_agent := agents[j];
            agents[j] := agents[j - 1];
            agents[j - 1] := moved_agent;
            moved_delta := deltas[j];
            deltas[j] := deltas[j - 1];
            deltas[j - 1] := moved_delta;
            j := j - 1;
        END LOOP;
    END LOOP;
    FOR i IN 1..cardinality(agents) LOOP
        IF deltas[i] > 0 THEN
            INSERT INTO tenant_agents AS counted (tenant_id, agent_id, stripe, active_packets)
            VALUES (NEW.tenant_id, agents[i], packet_stripe, deltas[i])
            ON CONFLICT (tenant_id, agent_id, stripe)
                DO UPDATE SET active_packets = counted.active_packets + EXCLUDED.active_packets;
        ELSIF deltas[i] < 0 THEN
            UPDATE tenant_agents SET active_packets = active_packets + deltas[i]
            WHERE tenant_id = NEW.tenant_id AND agent_id = agents[i] AND stripe = packet_stripe
            RETURNING active_packets INTO remaining;
            IF remaining <= 0 THEN
                DELETE FROM tenant_agents
                WHERE tenant_id = NEW.tenant_id AND agent_id = agents[i] AND stripe = packet_stripe;
            END IF;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;

-- Exactly one of the two update triggers fires for a change that may count: packets_active_agents_update (V8's
-- function) when the tenant or the source agent changes, packets_active_agents_target otherwise.
DROP TRIGGER packets_active_agents_update ON packets;
CREATE TRIGGER packets_active_agents_update AFTER UPDATE ON packets FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.source_agent_id IS DISTINCT FROM NEW.source_agent_id)
    EXECUTE FUNCTION packets_track_active_agents();
CREATE TRIGGER packets_active_agents_target AFTER UPDATE ON packets FOR EACH ROW
    WHEN (OLD.tenant_id = NEW.tenant_id AND OLD.source_agent_id = NEW.source_agent_id
          AND ((OLD.status IN ('created', 'claimed', 'in_progress', 'awaiting_human'))
                   <> (NEW.status IN ('created', 'claimed', 'in_progress', 'awaiting_human'))
               OR OLD.target_agent_id <> NEW.target_agent_id))
    EXECUTE FUNCTION packets_track_target_agents();

-- 2. packet_counts

-- An update moves the packet from its old group to its new one, both in the session's stripe; the two rows are
-- changed in key order ("C" collation), as V8 does.
CREATE FUNCTION packets_track_counts_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    session_stripe SMALLINT := session_counter_stripe();
    old_first BOOLEAN := (OLD.tenant_id COLLATE "C", OLD.status COLLATE "C", OLD.priority_rank, OLD.hitl_required)
        < (NEW.tenant_id COLLATE "C", NEW.status COLLATE "C", NEW.priority_rank, NEW.hitl_required);
BEGIN
    IF old_first THEN
        INSERT INTO packet_counts AS c (tenant_id, status, priority_rank, hitl_required, stripe, packets)
        VALUES (OLD.tenant_id, OLD.status, OLD.priority_rank, OLD.hitl_required, session_stripe, -1)
        ON CONFLICT (tenant_id, status, priority_rank, hitl_required, stripe) DO UPDATE SET packets = c.packets - 1;
    END IF;
    INSERT INTO packet_counts AS c (tenant_id, status, priority_rank, hitl_required, stripe, packets)
    VALUES (NEW.tenant_id, NEW.status, NEW.priority_rank, NEW.hitl_required, session_stripe, 1)
    ON CONFLICT (tenant_id, status, priority_rank, hitl_required, stripe) DO UPDATE SET packets = c.packets + 1;
    IF NOT old_first THEN
        INSERT INTO packet_counts AS c (tenant_id, status, priority_rank, hitl_required, stripe, packets)
        VALUES (OLD.tenant_id, OLD.status, OLD.priority_rank, OLD.hitl_required, session_stripe, -1)
        ON CONFLICT (tenant_id, status, priority_rank, hitl_required, stripe) DO UPDATE SET packets = c.packets - 1;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER packets_track_counts ON packets;
CREATE TRIGGER packets_track_counts AFTER INSERT ON packets FOR EACH ROW EXECUTE FUNCTION packets_track_counts();
CREATE TRIGGER packets_track_counts_update AFTER UPDATE ON packets FOR EACH ROW
    WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.status IS DISTINCT FROM NEW.status
          OR OLD.priority_rank IS DISTINCT FROM NEW.priority_rank
          OR OLD.hitl_required IS DISTINCT FROM NEW.hitl_required)
    EXECUTE FUNCTION packets_track_counts_update();

-- 3. search_vector

-- The stored values stay; only the expression goes (no table rewrite).
ALTER TABLE packets ALTER COLUMN search_vector DROP EXPRESSION;

CREATE FUNCTION packets_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := to_tsvector('english', NEW.search_text);
    RETURN NEW;
END
$$;

CREATE TRIGGER packets_search_vector_insert BEFORE INSERT ON packets FOR EACH ROW
    EXECUTE FUNCTION packets_search_vector();
CREATE TRIGGER packets_search_vector_update BEFORE UPDATE OF search_text ON packets FOR EACH ROW
    WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text)
    EXECUTE FUNCTION packets_search_vector();
