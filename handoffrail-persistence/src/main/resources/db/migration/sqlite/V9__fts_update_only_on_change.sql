-- A status change no longer rewrites the packet's full-text entry (issue 8). An UPDATE of a packet sets every
-- column, search_text included, so the AFTER UPDATE OF search_text trigger of V1 deleted and re-inserted the
-- packet's FTS5 entry (every token of its text) on each claim, start, answer and completion, though the text had not
-- changed. It now fires only when the text differs. (PostgreSQL has no V9; its numbers V3, V7 and V8 are not used
-- here.)

DROP TRIGGER packets_fts_update;

CREATE TRIGGER packets_fts_update AFTER UPDATE OF search_text ON packets
    WHEN old.search_text IS NOT new.search_text
BEGIN
    INSERT INTO packets_fts (packets_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
    INSERT INTO packets_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;
