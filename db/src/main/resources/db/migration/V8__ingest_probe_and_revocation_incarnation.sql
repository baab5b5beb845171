-- The telemetry flow probe: each platform instance publishes a probe through the gateway on the
-- telemetry stream every few seconds; whichever instance's shared subscription receives it records
-- it here, so the sender can tell that the stream still reaches the platform's storage.

CREATE TABLE ingest_probe (
    instance_id VARCHAR(200) NOT NULL,
    seq         BIGINT       NOT NULL,
    arrived_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (instance_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Which incarnation of a device a revocation is for (the device row's id): gateways end only the
-- connections that signed in as that incarnation, so a device deleted and created again under the
-- same id keeps the connection it opened afterwards. Older rows have none: they end every connection.
ALTER TABLE device_revocation ADD COLUMN device_pk BIGINT NULL;
