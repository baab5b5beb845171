-- Operator-defined routes: telemetry matching a condition is sent to an HTTP webhook, an AMQP address
-- or a file. Matches are written to an outbox in the ingest's own transaction and delivered from
-- there, so a crash or an unreachable endpoint loses nothing.

CREATE TABLE routing_rule (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    name              VARCHAR(64)   NOT NULL,
    rule_condition    VARCHAR(512)  NOT NULL,
    endpoint_type     VARCHAR(8)    NOT NULL,
    target            VARCHAR(1024) NOT NULL,
    enabled           BOOLEAN       NOT NULL,
    delivered         BIGINT        NOT NULL DEFAULT 0,
    failed_attempts   BIGINT        NOT NULL DEFAULT 0,
    last_error        VARCHAR(512)  NULL,
    last_delivered_at DATETIME(3)   NULL,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    version           BIGINT        NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_routing_rule_name UNIQUE (name),
    CONSTRAINT ck_routing_rule_endpoint CHECK (endpoint_type IN ('http', 'amqp', 'file'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE routing_outbox (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    rule_id         BIGINT       NOT NULL,
    device_id       VARCHAR(128) NOT NULL,
    message_id      VARCHAR(128) NOT NULL,
    body            TEXT         NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(3)  NOT NULL,
    last_error      VARCHAR(512) NULL,
    PRIMARY KEY (id),
    KEY ix_routing_outbox_due (next_attempt_at),
    CONSTRAINT fk_routing_outbox_rule FOREIGN KEY (rule_id) REFERENCES routing_rule (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
