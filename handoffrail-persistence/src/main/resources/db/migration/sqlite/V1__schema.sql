-- HandoffRail schema, SQLite.
-- Every timestamp is an INTEGER of microseconds since the Unix epoch (UTC), as on PostgreSQL. Ids are canonical
-- lower-case UUID text, booleans 0/1, documents JSON text. WAL, synchronous=NORMAL and busy_timeout are set on
-- every connection by the driver configuration (journal mode cannot change inside Flyway's transaction).

CREATE TABLE tenants (
    id                        TEXT PRIMARY KEY,
    name                      TEXT NOT NULL,
    name_key                  TEXT NOT NULL,
    tier                      TEXT NOT NULL,
    handoffs_per_day_override INTEGER,
    max_api_keys_override     INTEGER,
    created_at                INTEGER NOT NULL,
    updated_at                INTEGER NOT NULL,
    deleted_at                INTEGER
);
CREATE INDEX tenants_active_name ON tenants (name_key) WHERE deleted_at IS NULL;

CREATE TABLE api_keys (
    id             TEXT PRIMARY KEY,
    tenant_id      TEXT NOT NULL,
    name           TEXT NOT NULL,
    prefix         TEXT NOT NULL,
    secret_hash    TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL,
    platform_admin INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    revoked_at     INTEGER,
    last_used_at   INTEGER
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at DESC);

CREATE TABLE webhooks (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL,
    url        TEXT NOT NULL,
    events     TEXT NOT NULL,
    secret     TEXT NOT NULL,
    active     INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX webhooks_tenant ON webhooks (tenant_id, created_at DESC);

CREATE TABLE deliveries (
    id               TEXT PRIMARY KEY,
    webhook_id       TEXT NOT NULL,
    tenant_id        TEXT NOT NULL,
    packet_id        TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'failed', 'delivered', 'dead_letter')),
    attempts         INTEGER NOT NULL,
    last_error       TEXT,
    last_status_code INTEGER,
    next_retry_at    INTEGER,
    delivered_at     INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    payload          BLOB NOT NULL
);
CREATE INDEX deliveries_due ON deliveries (next_retry_at, created_at, id) WHERE status IN ('pending', 'failed');
CREATE INDEX deliveries_webhook ON deliveries (tenant_id, webhook_id, created_at DESC);
CREATE INDEX deliveries_dead ON deliveries (tenant_id, updated_at DESC) WHERE status = 'dead_letter';
CREATE INDEX deliveries_packet ON deliveries (packet_id);

CREATE TABLE schemas (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    json_schema TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (tenant_id, name, version)
);
CREATE INDEX schemas_tenant ON schemas (tenant_id, created_at DESC);

-- seq is an explicit INTEGER PRIMARY KEY so that VACUUM (and VACUUM INTO backups) never renumber the rowids the
-- full-text index refers to
CREATE TABLE packets (
    seq                  INTEGER PRIMARY KEY,
    id                   TEXT NOT NULL UNIQUE,
    tenant_id            TEXT NOT NULL,
    revision             INTEGER NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('created', 'claimed', 'in_progress',
                             'awaiting_human', 'completed', 'failed', 'expired')),
    source_agent_id      TEXT NOT NULL,
    target_agent_id      TEXT NOT NULL,
    priority_rank        INTEGER NOT NULL,
    hitl_required        INTEGER NOT NULL,
    hitl_timeout_seconds INTEGER,
    parent_id            TEXT,
    chain_depth          INTEGER NOT NULL,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    status_changed_at    INTEGER NOT NULL,
    claimed_at           INTEGER,
    completed_at         INTEGER,
    body                 TEXT NOT NULL,
    search_text          TEXT NOT NULL
);
CREATE INDEX packets_list ON packets (tenant_id, created_at DESC, id DESC);
CREATE INDEX packets_status ON packets (tenant_id, status);
CREATE INDEX packets_claimable_target ON packets (tenant_id, target_agent_id, priority_rank DESC, created_at, id)
    WHERE status = 'created';
CREATE INDEX packets_claimable ON packets (tenant_id, priority_rank DESC, created_at, id) WHERE status = 'created';
CREATE INDEX packets_expirable ON packets (status_changed_at)
    WHERE status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
CREATE INDEX packets_terminal ON packets (tenant_id, updated_at) WHERE status IN ('completed', 'failed', 'expired');

-- external-content full-text index over packets.search_text, kept in step by triggers in the same transaction
CREATE VIRTUAL TABLE packets_fts USING fts5(
    search_text,
    content = 'packets',
    content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER packets_fts_insert AFTER INSERT ON packets BEGIN
    INSERT INTO packets_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;

CREATE TRIGGER packets_fts_delete AFTER DELETE ON packets BEGIN
    INSERT INTO packets_fts (packets_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
END;

CREATE TRIGGER packets_fts_update AFTER UPDATE OF search_text ON packets BEGIN
    INSERT INTO packets_fts (packets_fts, rowid, search_text) VALUES ('delete', old.seq, old.search_text);
    INSERT INTO packets_fts (rowid, search_text) VALUES (new.seq, new.search_text);
END;

CREATE TABLE packet_tags (
    packet_id TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    tag       TEXT NOT NULL,
    PRIMARY KEY (packet_id, tag)
) WITHOUT ROWID;
CREATE INDEX packet_tags_tag ON packet_tags (tenant_id, tag, packet_id);

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    tenant_id   TEXT NOT NULL,
    resource    TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    packet_id   TEXT,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    details     TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    api_key_id  TEXT
);
CREATE INDEX audit_log_packet ON audit_log (tenant_id, packet_id, seq) WHERE packet_id IS NOT NULL;
CREATE INDEX audit_log_time ON audit_log (tenant_id, occurred_at DESC, seq DESC);

CREATE TABLE daily_handoffs (
    tenant_id TEXT NOT NULL,
    day       TEXT NOT NULL,
    used      INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, day)
) WITHOUT ROWID;

CREATE TABLE idempotency_keys (
    tenant_id    TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER,
    body         BLOB,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
