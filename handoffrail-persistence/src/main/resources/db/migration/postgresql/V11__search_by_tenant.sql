-- A search reads only its own tenant's matches (issue 8). The full-text index held every tenant's words in one
-- GIN index: a search for a word found the matching packets of every tenant and dropped the other tenants' rows
-- only after reading them from the table, so a small tenant's search for a common word cost in proportion to the
-- matches of all tenants together (seconds once a large tenant held a million). A tenant index cannot be combined
-- with the GIN index cheaply (a BitmapAnd reads the tenant's whole index range, see PostgresSearchIndexTest).
--
-- The index now holds, besides a packet's words, one term naming its tenant, 'tenant:' and the md5 of the tenant
-- id (hex, so no quoting is ever needed). A search asks the index for the tenant's term and the words together, and
-- GIN intersects their entries before any row is read. No query term can equal it: a search's words are runs of
-- letters and digits (SearchTerms), and the term has a colon. The packets' own search_vector is unchanged and still
-- what a match is ranked on. An expression index, so no row is rewritten: on a large table this migration's cost is
-- building the index once, during which writes to packets wait.

CREATE FUNCTION packet_search_terms(tenant_id TEXT, search_vector TSVECTOR) RETURNS TSVECTOR
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT search_vector || array_to_tsvector(ARRAY['tenant:' || md5(tenant_id)]) $$;

-- The query form of the tenant's term in packet_search_terms.
CREATE FUNCTION packet_search_tenant(tenant_id TEXT) RETURNS TSQUERY
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CAST('''tenant:' || md5(tenant_id) || '''' AS tsquery) $$;

DROP INDEX packets_search;
CREATE INDEX packets_search ON packets USING GIN (packet_search_terms(tenant_id, search_vector));
