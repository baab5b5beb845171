-- Rules and alerts: a rule watches devices' telemetry for a condition (optionally held for a duration
-- or N messages in a row) and raises an alert. Rule state per (rule, device) and alert changes are
-- written in the ingest's own transaction, so they commit exactly when the telemetry does.

CREATE TABLE alert_rule (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    name           VARCHAR(64)   NOT NULL,
    -- exactly one of: a device id, a tag name and value, or every device
    device_id      VARCHAR(128)  NULL,
    tag_name       VARCHAR(64)   NULL,
    tag_value      VARCHAR(256)  NULL,
    all_devices    BOOLEAN       NOT NULL DEFAULT FALSE,
    -- a condition on telemetry, or for an absence rule none and instead what it waits for:
    -- 'telemetry' (none for absence_ms) or 'connection' (disconnected for longer than absence_ms)
    rule_condition VARCHAR(512)  NULL,
    absence        VARCHAR(16)   NULL,
    absence_ms     BIGINT        NULL,
    -- the condition read over a window: avg/min/max/count of its metrics, sliding or tumbling
    aggregate_function  VARCHAR(8) NULL,
    aggregate_window_ms BIGINT     NULL,
    aggregate_tumbling  BOOLEAN    NOT NULL DEFAULT FALSE,
    held_for_ms    BIGINT        NULL,
    in_a_row       INT           NULL,
    severity       VARCHAR(8)    NOT NULL,
    enabled        BOOLEAN       NOT NULL,
    -- what the rule does when it raises an alert (a JSON array, see RuleAction)
    actions        VARCHAR(4000) NOT NULL,
    created_at     DATETIME(3)   NOT NULL,
    updated_at     DATETIME(3)   NOT NULL,
    version        BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_alert_rule_name UNIQUE (name),
    CONSTRAINT ck_alert_rule_severity CHECK (severity IN ('critical', 'major', 'minor', 'warning')),
    CONSTRAINT ck_alert_rule_one_timing CHECK (held_for_ms IS NULL OR in_a_row IS NULL),
    CONSTRAINT ck_alert_rule_kind CHECK ((rule_condition IS NULL) = (absence IS NOT NULL)
        AND (absence IS NULL OR (absence IN ('telemetry', 'connection') AND absence_ms IS NOT NULL))),
    CONSTRAINT ck_alert_rule_aggregate CHECK (aggregate_function IS NULL
        OR (aggregate_function IN ('avg', 'min', 'max', 'count') AND aggregate_window_ms IS NOT NULL
            AND rule_condition IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Where a rule stands for one device; locked (SELECT ... FOR UPDATE) by the transaction evaluating it.
-- alert_id names the pair's active alert, so the evaluation finds it under this lock, without a
-- locking read of alert's unique index (whose gap locks deadlock writers raising different alerts).
CREATE TABLE alert_rule_state (
    rule_id           BIGINT       NOT NULL,
    device_id         VARCHAR(128) NOT NULL,
    alert_id          BIGINT       NULL,
    consecutive       INT          NOT NULL DEFAULT 0,
    held_since        DATETIME(3)  NULL,
    last_message_at   DATETIME(3)  NULL,
    last_evaluated_at DATETIME(3)  NOT NULL,
    -- a tumbling window rule: the end of the last window judged
    window_end        DATETIME(3)  NULL,
    PRIMARY KEY (rule_id, device_id),
    -- a batch asks which of its devices' pairs hold something a normal reading resets
    KEY ix_alert_rule_state_device (device_id),
    CONSTRAINT fk_alert_rule_state_rule FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE alert (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    rule_id         BIGINT        NULL,
    rule_name       VARCHAR(64)   NOT NULL,
    device_id       VARCHAR(128)  NOT NULL,
    severity        VARCHAR(8)    NOT NULL,
    -- '<rule id>:<device id>' while the alert is active, NULL once cleared: the unique index makes
    -- a second active alert for the same (rule, device) impossible, whichever instance or lane tries
    active_key      VARCHAR(160)  NULL,
    acknowledged    BOOLEAN       NOT NULL DEFAULT FALSE,
    match_count     BIGINT        NOT NULL,
    last_value      VARCHAR(1000) NULL,
    raised_at       DATETIME(3)   NOT NULL,
    last_at         DATETIME(3)   NOT NULL,
    acknowledged_at DATETIME(3)   NULL,
    acknowledged_by VARCHAR(64)   NULL,
    cleared_at      DATETIME(3)   NULL,
    cleared_by      VARCHAR(64)   NULL,
    -- the operator looking after it
    assigned_to     VARCHAR(64)   NULL,
    version         BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_alert_active UNIQUE (active_key),
    KEY ix_alert_device (device_id, raised_at),
    KEY ix_alert_open (cleared_at, severity),
    CONSTRAINT ck_alert_severity CHECK (severity IN ('critical', 'major', 'minor', 'warning')),
    CONSTRAINT fk_alert_rule FOREIGN KEY (rule_id) REFERENCES alert_rule (id) ON DELETE SET NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Everything that happened to an alert: raised, acknowledged, commented, cleared (who, when, what).
CREATE TABLE alert_event (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    alert_id    BIGINT        NOT NULL,
    occurred_at DATETIME(3)   NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    kind        VARCHAR(16)   NOT NULL,
    detail      VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    KEY ix_alert_event_alert (alert_id, id),
    CONSTRAINT fk_alert_event_alert FOREIGN KEY (alert_id) REFERENCES alert (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What a rule does when it raises an alert: one row per action and raise, written with the raise in
-- the ingest transaction (so once per raise, never once per message), carried out afterwards by
-- AlertActions, retried with back-off, its outcome kept with the alert. claimed_until is a lease: an
-- instance that dies while running an action leaves it to another after the lease.
CREATE TABLE alert_action (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    alert_id        BIGINT        NOT NULL,
    ordinal         INT           NOT NULL,
    type            VARCHAR(16)   NOT NULL,
    spec            VARCHAR(4000) NOT NULL,
    state           VARCHAR(8)    NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)   NOT NULL,
    claimed_until   DATETIME(3)   NULL,
    outcome         VARCHAR(1000) NULL,
    created_at      DATETIME(3)   NOT NULL,
    finished_at     DATETIME(3)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_alert_action UNIQUE (alert_id, ordinal),
    KEY ix_alert_action_due (state, next_attempt_at),
    CONSTRAINT ck_alert_action_state CHECK (state IN ('pending', 'done', 'failed')),
    CONSTRAINT fk_alert_action_alert FOREIGN KEY (alert_id) REFERENCES alert (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
