-- A search reads only its own tenant's matches (issue 8). The full-text index held every tenant's words in one
-- GIN index: a search for a word found the matching packets of every tenant and dropped the other tenants' rows
-- only after reading them from the table, so a small tenant's search for a common word cost in proportion to the
-- matches of all tenants together (seconds once a large tenant held a million). A tenant index cannot be combined
-- with the GIN index cheaply (a BitmapAnd reads the tenant's whole index range, see PostgresSearchIndexTest).
--
-- search_vector now holds, besides a packet's words, one term naming its tenant: 'tenant:' and the md5 of the
-- tenant id (hex, so the query form never needs quoting). A search asks the GIN index for the tenant's term and the
-- words together, and GIN intersects their entries before any row is read. No query word can equal the term: a
-- search's words are runs of letters and digits (SearchTerms), and the term has a colon. ts_rank is unchanged by
-- it (its default normalization does not weigh the document's length), so the ranking stays the words'.
--
-- The term is stored, not computed in an expression index: with an expression, a search whose word matches most of
-- a large tenant's packets (the planner then reads the table) computed the expression for every row, 3.5 times the
-- time of the plain column's check at 1,000,000 packets. This migration therefore updates every packet row once,
-- in time (and WAL) in proportion to the stored packets.

-- The query form of the tenant's term.
CREATE FUNCTION packet_search_tenant(tenant_id TEXT) RETURNS TSQUERY
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CAST('''tenant:' || md5(tenant_id) || '''' AS tsquery) $$;

-- The tenant's term as a one-lexeme tsvector.
CREATE FUNCTION packet_search_tenant_term(tenant_id TEXT) RETURNS TSVECTOR
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT array_to_tsvector(ARRAY['tenant:' || md5(tenant_id)]) $$;

CREATE OR REPLACE FUNCTION packets_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := to_tsvector('english', NEW.search_text) || packet_search_tenant_term(NEW.tenant_id);
    RETURN NEW;
END
$$;

-- also when a hand-written statement moves a packet to another tenant
DROP TRIGGER packets_search_vector_update ON packets;
CREATE TRIGGER packets_search_vector_update BEFORE UPDATE OF search_text, tenant_id ON packets FOR EACH ROW
    WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.tenant_id IS DISTINCT FROM NEW.tenant_id)
    EXECUTE FUNCTION packets_search_vector();

UPDATE packets SET search_vector = search_vector || packet_search_tenant_term(tenant_id);
