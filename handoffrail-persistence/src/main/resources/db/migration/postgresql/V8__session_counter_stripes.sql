-- Counter stripes by database session instead of by packet id (issue 8). With V3 and V6 a packet counted in the
-- stripe its id hashes to, so two concurrent creates of one tenant met on the same tenant_agents or packet_counts
-- row one time in sixteen, and with 20 connections creating at once most creates found some row locked until
-- another transaction's commit: pg_stat_activity under a create load showed about three backends at a time in
-- Lock:transactionid, more than on the CPU and the WAL together. Now each database session takes its own stripe,
-- the next value of a sequence modulo 16, the first time it counts something; sessions that change packets at the
-- same time use different rows (up to 16 of them; beyond that they share, as before).
--
-- packet_counts is only ever summed, so every change, decrements included, now counts in the session's stripe; a
-- stripe may go below zero, the sums stay exact. Its deletes are counted per statement (see the end). tenant_agents deletes a stripe when it falls to zero (its distinct
-- agent ids are the tenant's active agents), so a packet's decrement must land in the row its increment went to:
-- a packet keeps the stripe it was created in, in the new column counter_stripe (NULL for packets created before
-- this migration, which keep the stripe of their id).

CREATE SEQUENCE counter_stripe_sessions;

-- The calling session's stripe, kept in a session setting. set_config inside a transaction that rolls back is
-- undone with it; the next call then takes another value, which is harmless.
CREATE FUNCTION session_counter_stripe() RETURNS SMALLINT LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    stripe TEXT := current_setting('handoffrail.counter_stripe', true);
BEGIN
    IF stripe IS NULL OR stripe = '' THEN
        stripe := (nextval('counter_stripe_sessions') % 16)::text;
        PERFORM set_config('handoffrail.counter_stripe', stripe, false);
    END IF;
    RETURN stripe::smallint;
END
$$;

-- No default in ADD COLUMN, so existing rows are not rewritten; the default then applies to new rows only.
ALTER TABLE packets ADD COLUMN counter_stripe SMALLINT;
ALTER TABLE packets ALTER COLUMN counter_stripe SET DEFAULT session_counter_stripe();

-- The stripe a packet counts in for tenant_agents.
CREATE FUNCTION packet_counter_stripe(packet_id UUID, counter_stripe SMALLINT) RETURNS SMALLINT
    LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(counter_stripe, packet_agent_stripe(packet_id))
$$;

-- As V3, with the packet's stored stripe.
CREATE OR REPLACE FUNCTION packets_track_active_agents() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_active BOOLEAN := TG_OP <> 'INSERT'
        AND OLD.status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
    is_active  BOOLEAN := TG_OP <> 'DELETE'
        AND NEW.status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
    packet_stripe SMALLINT := CASE WHEN TG_OP = 'DELETE' THEN packet_counter_stripe(OLD.id, OLD.counter_stripe)
                                   ELSE packet_counter_stripe(NEW.id, NEW.counter_stripe) END;
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

-- As V7, with the packet's stored stripe.
CREATE OR REPLACE FUNCTION packets_track_active_agents_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    packet_stripe SMALLINT;
BEGIN
    IF NEW.status NOT IN ('created', 'claimed', 'in_progress', 'awaiting_human') THEN
        RETURN NULL;
    END IF;
    packet_stripe := packet_counter_stripe(NEW.id, NEW.counter_stripe);
    INSERT INTO tenant_agents AS counted (tenant_id, agent_id, stripe, active_packets)
    SELECT DISTINCT NEW.tenant_id, agent_id COLLATE "C", packet_stripe, 1
    FROM (VALUES (NEW.source_agent_id), (NEW.target_agent_id)) AS named (agent_id)
    ORDER BY 2
    ON CONFLICT (tenant_id, agent_id, stripe)
        DO UPDATE SET active_packets = counted.active_packets + 1;
    RETURN NULL;
END
$$;

-- As V6 for inserts and updates, every change in the session's stripe (an insert's is already in the new row, put
-- there by the column default).
CREATE OR REPLACE FUNCTION packets_track_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.tenant_id = NEW.tenant_id AND OLD.status = NEW.status
            AND OLD.priority_rank = NEW.priority_rank AND OLD.hitl_required = NEW.hitl_required THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO packet_counts AS c (tenant_id, status, priority_rank, hitl_required, stripe, packets)
        VALUES (NEW.tenant_id, NEW.status, NEW.priority_rank, NEW.hitl_required,
                coalesce(NEW.counter_stripe, session_counter_stripe()), 1)
        ON CONFLICT (tenant_id, status, priority_rank, hitl_required, stripe)
            DO UPDATE SET packets = c.packets + 1;
    ELSE
        INSERT INTO packet_counts AS c (tenant_id, status, priority_rank, hitl_required, stripe, packets)
        SELECT tenant_id, status, priority_rank, hitl_required, session_counter_stripe(), delta
        FROM (VALUES (OLD.tenant_id, OLD.status, OLD.priority_rank, OLD.hitl_required, -1),
                     (NEW.tenant_id, NEW.status, NEW.priority_rank, NEW.hitl_required, 1))
             AS change (tenant_id, status, priority_rank, hitl_required, delta)
        ORDER BY tenant_id COLLATE "C", status COLLATE "C", priority_rank, hitl_required
        ON CONFLICT (tenant_id, status, priority_rank, hitl_required, stripe)
            DO UPDATE SET packets = c.packets + EXCLUDED.packets;
    END IF;
    RETURN NULL;
END
$$;

-- Deletes are counted once per statement, a row per group of the deleted packets. A row trigger updated the same
-- counter row once per deleted packet, and every update of a row in one transaction walks the versions the
-- transaction already made of it, so a retention purge of n packets cost O(n^2), and with one stripe per session
-- the chains are 16 times longer than with V6's stripes by packet id.
CREATE FUNCTION packets_count_deletes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO packet_counts AS c (tenant_id, status, priority_rank, hitl_required, stripe, packets)
    SELECT tenant_id, status, priority_rank, hitl_required, session_counter_stripe(), -count(*)
    FROM deleted_packets
    GROUP BY tenant_id, status, priority_rank, hitl_required
    ORDER BY tenant_id COLLATE "C", status COLLATE "C", priority_rank, hitl_required
    ON CONFLICT (tenant_id, status, priority_rank, hitl_required, stripe)
        DO UPDATE SET packets = c.packets + EXCLUDED.packets;
    RETURN NULL;
END
$$;

DROP TRIGGER packets_track_counts ON packets;
CREATE TRIGGER packets_track_counts AFTER INSERT OR UPDATE OF tenant_id, status, priority_rank, hitl_required
    ON packets FOR EACH ROW EXECUTE FUNCTION packets_track_counts();
CREATE TRIGGER packets_count_deletes AFTER DELETE ON packets REFERENCING OLD TABLE AS deleted_packets
    FOR EACH STATEMENT EXECUTE FUNCTION packets_count_deletes();
