-- A search reads only its own tenant's matches (issue 8). The FTS5 index held every tenant's words together: a
-- search for a word found the matching packets of every tenant and dropped the other tenants' only when joining
-- them to the packets, so a small tenant's search for a common word cost in proportion to the matches of all
-- tenants together.
--
-- The index gets a second column, tenant_key: the hex of the tenant id and a final 0 (one token of letters and
-- digits that the porter stemmer leaves as it is, since no English suffix ends in a digit). A search matches its
-- words in search_text and the tenant's token in tenant_key; FTS5 intersects the two before any packet is read. The
-- content is read through a view, since packets has no tenant_key column; the index is rebuilt from it once here.
-- BM25 gives tenant_key a weight of 0 (SqlDialect), so the ranking is by the words alone. (PostgreSQL has its own
-- V11 for the same change.)

DROP TRIGGER packets_fts_insert;
DROP TRIGGER packets_fts_delete;
DROP TRIGGER packets_fts_update;
DROP TABLE packets_fts;

CREATE VIEW packets_fts_source AS
    SELECT seq, search_text, hex(tenant_id) || '0' AS tenant_key FROM packets;

CREATE VIRTUAL TABLE packets_fts USING fts5(
    search_text,
    tenant_key,
    content = 'packets_fts_source',
    content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO packets_fts (packets_fts) VALUES ('rebuild');

CREATE TRIGGER packets_fts_insert AFTER INSERT ON packets BEGIN
    INSERT INTO packets_fts (rowid, search_text, tenant_key)
        VALUES (new.seq, new.search_text, hex(new.tenant_id) || '0');
END;

CREATE TRIGGER packets_fts_delete AFTER DELETE ON packets BEGIN
    INSERT INTO packets_fts (packets_fts, rowid, search_text, tenant_key)
        VALUES ('delete', old.seq, old.search_text, hex(old.tenant_id) || '0');
END;

CREATE TRIGGER packets_fts_update AFTER UPDATE OF search_text ON packets
    WHEN old.search_text IS NOT new.search_text
BEGIN
    INSERT INTO packets_fts (packets_fts, rowid, search_text, tenant_key)
        VALUES ('delete', old.seq, old.search_text, hex(old.tenant_id) || '0');
    INSERT INTO packets_fts (rowid, search_text, tenant_key)
        VALUES (new.seq, new.search_text, hex(new.tenant_id) || '0');
END;
