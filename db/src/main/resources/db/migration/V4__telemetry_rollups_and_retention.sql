-- Rollups, the metric catalogue and retention.

-- When a message became durable: the rollup job and retention walk this index (it covers device and
-- time, so finding the buckets that got data never reads the rows themselves).
ALTER TABLE telemetry_message
    ADD COLUMN stored_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    DROP INDEX ix_telemetry_message_received,
    ADD KEY ix_telemetry_message_stored (stored_at, device_id, ts);

-- The metrics each device has sent: lets the rollup job read the values table by its full key
-- (device, metric, time) and lets views list a device's metrics without scanning values.
CREATE TABLE device_metric (
    device_id  VARCHAR(128) NOT NULL,
    metric     VARCHAR(64)  NOT NULL,
    first_seen DATETIME(3)  NOT NULL,
    PRIMARY KEY (device_id, metric)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- min/max/count/sum per device, metric and bucket of 1 minute, 1 hour or 1 day (UTC). Recomputed from
-- the data below it (values -> 1m -> 1h -> 1d), never incremented, so re-runs and duplicates cannot
-- skew it.
CREATE TABLE telemetry_rollup (
    device_id VARCHAR(128) NOT NULL,
    metric    VARCHAR(64)  NOT NULL,
    period    CHAR(2)      NOT NULL,
    bucket    DATETIME     NOT NULL,
    samples   BIGINT       NOT NULL,
    total     DOUBLE       NOT NULL,
    min_value DOUBLE       NOT NULL,
    max_value DOUBLE       NOT NULL,
    PRIMARY KEY (device_id, metric, period, bucket),
    KEY ix_telemetry_rollup_period (period, bucket),
    CONSTRAINT ck_telemetry_rollup_period CHECK (period IN ('1m', '1h', '1d'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Where each background job got to; the row lock also keeps two platform instances from running the
-- same job at once.
CREATE TABLE telemetry_job (
    name      VARCHAR(64) NOT NULL,
    cursor_at DATETIME(3) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO telemetry_job (name, cursor_at) VALUES ('rollup', '2000-01-01 00:00:00');

-- Per-device raw retention in days; NULL means the global setting.
ALTER TABLE device ADD COLUMN telemetry_retention_days INT NULL;
