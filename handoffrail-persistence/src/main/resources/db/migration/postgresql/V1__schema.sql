-- HandoffRail schema, PostgreSQL.
-- Every timestamp is a BIGINT of microseconds since the Unix epoch (UTC): the precision the API keeps, and the
-- same representation as on SQLite, so ordering, keyset cursors and interval arithmetic share one SQL text.
-- Free-form documents (packet content, audit details, JSON schemas) are JSON, not JSONB, because the contract
-- stores them verbatim (JSONB would reorder object keys); what is filtered on has real columns instead.

CREATE TABLE tenants (
    id                        TEXT PRIMARY KEY,
    name                      TEXT NOT NULL,
    name_key                  TEXT NOT NULL,
    tier                      TEXT NOT NULL,
    handoffs_per_day_override INTEGER,
    max_api_keys_override     INTEGER,
    created_at                BIGINT NOT NULL,
    updated_at                BIGINT NOT NULL,
    deleted_at                BIGINT
);
CREATE INDEX tenants_active_name ON tenants (name_key) WHERE deleted_at IS NULL;

CREATE TABLE api_keys (
    id             UUID PRIMARY KEY,
    tenant_id      TEXT NOT NULL,
    name           TEXT NOT NULL,
    prefix         TEXT NOT NULL,
    secret_hash    TEXT NOT NULL UNIQUE,
    role           TEXT NOT NULL,
    platform_admin BOOLEAN NOT NULL,
    created_at     BIGINT NOT NULL,
    revoked_at     BIGINT,
    last_used_at   BIGINT
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at DESC);
CREATE INDEX api_keys_active_admins ON api_keys (platform_admin) WHERE revoked_at IS NULL AND platform_admin;

CREATE TABLE webhooks (
    id         UUID PRIMARY KEY,
    tenant_id  TEXT NOT NULL,
    url        TEXT NOT NULL,
    events     JSONB NOT NULL,
    secret     TEXT NOT NULL,
    active     BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX webhooks_tenant ON webhooks (tenant_id, created_at DESC);
CREATE INDEX webhooks_events ON webhooks USING GIN (events jsonb_path_ops) WHERE active;

CREATE TABLE deliveries (
    id               UUID PRIMARY KEY,
    webhook_id       UUID NOT NULL,
    tenant_id        TEXT NOT NULL,
    packet_id        UUID NOT NULL,
    event_type       TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'failed', 'delivered', 'dead_letter')),
    attempts         INTEGER NOT NULL,
    last_error       TEXT,
    last_status_code INTEGER,
    next_retry_at    BIGINT,
    delivered_at     BIGINT,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    payload          BYTEA NOT NULL
);
-- the dispatcher's poll: only rows still to send are indexed
CREATE INDEX deliveries_due ON deliveries (next_retry_at, created_at, id) WHERE status IN ('pending', 'failed');
CREATE INDEX deliveries_webhook ON deliveries (tenant_id, webhook_id, created_at DESC);
CREATE INDEX deliveries_dead ON deliveries (tenant_id, updated_at DESC) WHERE status = 'dead_letter';
CREATE INDEX deliveries_packet ON deliveries (packet_id);

CREATE TABLE schemas (
    id          UUID PRIMARY KEY,
    tenant_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL,
    json_schema JSON NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (tenant_id, name, version)
);
CREATE INDEX schemas_tenant ON schemas (tenant_id, created_at DESC);

CREATE TABLE packets (
    id                   UUID PRIMARY KEY,
    tenant_id            TEXT NOT NULL,
    revision             BIGINT NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('created', 'claimed', 'in_progress',
                             'awaiting_human', 'completed', 'failed', 'expired')),
    source_agent_id      TEXT NOT NULL,
    target_agent_id      TEXT NOT NULL,
    priority_rank        SMALLINT NOT NULL,
    hitl_required        BOOLEAN NOT NULL,
    hitl_timeout_seconds INTEGER,
    parent_id            UUID,
    chain_depth          INTEGER NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    status_changed_at    BIGINT NOT NULL,
    claimed_at           BIGINT,
    completed_at         BIGINT,
    body                 JSON NOT NULL,
    search_text          TEXT NOT NULL,
    search_vector        TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', search_text)) STORED
);
CREATE INDEX packets_list ON packets (tenant_id, created_at DESC, id DESC);
CREATE INDEX packets_status ON packets (tenant_id, status);
-- claim-next: the created packets of a tenant (for one target, or any), in claim order
CREATE INDEX packets_claimable_target ON packets (tenant_id, target_agent_id, priority_rank DESC, created_at, id)
    WHERE status = 'created';
CREATE INDEX packets_claimable ON packets (tenant_id, priority_rank DESC, created_at, id) WHERE status = 'created';
-- the expiry sweeper: only active packets
CREATE INDEX packets_expirable ON packets (status_changed_at)
    WHERE status IN ('created', 'claimed', 'in_progress', 'awaiting_human');
-- the retention purge: only terminal packets
CREATE INDEX packets_terminal ON packets (tenant_id, updated_at) WHERE status IN ('completed', 'failed', 'expired');
CREATE INDEX packets_search ON packets USING GIN (search_vector);

CREATE TABLE packet_tags (
    packet_id UUID NOT NULL,
    tenant_id TEXT NOT NULL,
    tag       TEXT NOT NULL,
    PRIMARY KEY (packet_id, tag)
);
CREATE INDEX packet_tags_tag ON packet_tags (tenant_id, tag, packet_id);

CREATE TABLE audit_log (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          UUID NOT NULL UNIQUE,
    tenant_id   TEXT NOT NULL,
    resource    TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    packet_id   UUID,
    action      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    details     JSON NOT NULL,
    occurred_at BIGINT NOT NULL,
    api_key_id  UUID
);
CREATE INDEX audit_log_packet ON audit_log (tenant_id, packet_id, seq) WHERE packet_id IS NOT NULL;
CREATE INDEX audit_log_time ON audit_log (tenant_id, occurred_at DESC, seq DESC);

CREATE TABLE daily_handoffs (
    tenant_id TEXT NOT NULL,
    day       TEXT NOT NULL,
    used      BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, day)
);

CREATE TABLE idempotency_keys (
    tenant_id    TEXT NOT NULL,
    idem_key     TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER,
    body         BYTEA,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, idem_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
