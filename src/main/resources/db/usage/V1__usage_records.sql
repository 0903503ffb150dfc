-- GigaGate usage accounting (issue 26): one row per request on any front, and the budget counters.
CREATE TABLE usage_records (
    id                     BIGSERIAL PRIMARY KEY,
    time                   TIMESTAMPTZ NOT NULL,
    request_id             TEXT        NOT NULL,
    front                  TEXT        NOT NULL,
    endpoint               TEXT        NOT NULL,
    method                 TEXT,
    api_key_name           TEXT        NOT NULL,
    credential_fingerprint TEXT,
    model_requested        TEXT,
    model                  TEXT,
    status                 INTEGER     NOT NULL,
    error_type             TEXT,
    stream                 BOOLEAN     NOT NULL DEFAULT FALSE,
    input_tokens           BIGINT      NOT NULL DEFAULT 0,
    output_tokens          BIGINT      NOT NULL DEFAULT 0,
    cached_tokens          BIGINT      NOT NULL DEFAULT 0,
    reasoning_tokens       BIGINT      NOT NULL DEFAULT 0,
    latency_ms             BIGINT      NOT NULL DEFAULT 0,
    first_event_ms         BIGINT,
    upstream_request_id    TEXT,
    replica                TEXT,
    content                TEXT
);

-- a batch written again after a lost acknowledgement adds nothing
CREATE UNIQUE INDEX usage_records_request_id ON usage_records (request_id);
-- the admin queries: by time (recent, purge, per day), by key, by model, by front
CREATE INDEX usage_records_time ON usage_records (time);
CREATE INDEX usage_records_key_time ON usage_records (api_key_name, time);
CREATE INDEX usage_records_model_time ON usage_records (model, time);
CREATE INDEX usage_records_front_time ON usage_records (front, time);
CREATE INDEX usage_records_errors_time ON usage_records (time) WHERE status >= 400;

-- budgets shared by the replicas: tokens and requests per key and period (day, month, minute)
CREATE TABLE budget_counters (
    api_key_name TEXT        NOT NULL,
    period       TEXT        NOT NULL,
    period_start TIMESTAMPTZ NOT NULL,
    tokens       BIGINT      NOT NULL DEFAULT 0,
    requests     BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (api_key_name, period, period_start)
);
