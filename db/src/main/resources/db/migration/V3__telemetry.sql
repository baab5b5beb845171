-- Telemetry: every accepted message once (de-duplication by device and message id), its values one
-- row per metric in time partitions, and the messages that were refused, with why.

CREATE TABLE telemetry_message (
    device_id   VARCHAR(128) NOT NULL,
    message_id  VARCHAR(128) NOT NULL,
    ts          DATETIME(3)  NOT NULL,
    received_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (device_id, message_id),
    KEY ix_telemetry_message_received (received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Partitioned by time so retention drops whole partitions; p_future is split ahead of time by the
-- partition maintenance job (the key must contain ts for that).
CREATE TABLE telemetry_value (
    device_id  VARCHAR(128) NOT NULL,
    metric     VARCHAR(64)  NOT NULL,
    ts         DATETIME(3)  NOT NULL,
    message_id VARCHAR(128) NOT NULL,
    value      DOUBLE       NOT NULL,
    PRIMARY KEY (device_id, metric, ts, message_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin
PARTITION BY RANGE COLUMNS (ts) (
    PARTITION p_history VALUES LESS THAN ('2026-01-01'),
    PARTITION p_future VALUES LESS THAN (MAXVALUE)
);

CREATE TABLE rejected_message (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    device_id    VARCHAR(128)  NOT NULL,
    message_id   VARCHAR(128)  NULL,
    received_at  DATETIME(3)   NOT NULL,
    reason       VARCHAR(255)  NOT NULL,
    topic        VARCHAR(512)  NULL,
    payload_size INT           NOT NULL,
    payload      VARCHAR(4096) NULL,
    PRIMARY KEY (id),
    KEY ix_rejected_message_device (device_id, received_at),
    KEY ix_rejected_message_time (received_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
