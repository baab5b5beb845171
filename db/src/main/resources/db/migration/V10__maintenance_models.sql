-- Predictive maintenance: models that learn remaining useful life from devices that ran to failure,
-- their trained versions (one active per model), and the latest estimate per model and device.

CREATE TABLE maintenance_model (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    name          VARCHAR(64)   NOT NULL,
    -- the run-to-failure histories it learns from: the devices carrying this tag
    tag_name      VARCHAR(64)   NOT NULL,
    tag_value     VARCHAR(256)  NOT NULL,
    -- the devices it scores on a timer (none: scored on request only)
    watch_tag_name  VARCHAR(64)  NULL,
    watch_tag_value VARCHAR(256) NULL,
    -- a JSON array of metric names
    metrics       VARCHAR(4000) NOT NULL,
    -- 'last' (a history fails at its last record) or a condition (at its first record that meets it)
    failure       VARCHAR(512)  NOT NULL,
    cap_seconds   BIGINT        NOT NULL,
    -- the histories it reads: 'raw' records, or one per complete rollup bucket ('1m', '1h', '1d')
    resolution    VARCHAR(8)    NOT NULL DEFAULT 'raw',
    created_at    DATETIME(3)   NOT NULL,
    created_by    VARCHAR(64)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_maintenance_model_name UNIQUE (name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE maintenance_model_version (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    model_id         BIGINT        NOT NULL,
    version          INT           NOT NULL,
    -- training, ready, failed
    state            VARCHAR(16)   NOT NULL,
    -- what training is doing now, e.g. 'validating: fold 2 of 3'
    stage            VARCHAR(255)  NULL,
    requested_at     DATETIME(3)   NOT NULL,
    requested_by     VARCHAR(64)   NOT NULL,
    finished_at      DATETIME(3)   NULL,
    training_millis  BIGINT        NULL,
    -- the parameters it was trained with (JSON)
    parameters       VARCHAR(2000) NOT NULL,
    devices          INT           NULL,
    training_rows    INT           NULL,
    -- group k-fold validation on the training devices: mean RMSE of the held-out devices, in seconds
    validation_rmse  DOUBLE        NULL,
    validation_folds INT           NULL,
    failure_reason   VARCHAR(1000) NULL,
    model            LONGBLOB      NULL,
    active           BOOLEAN       NOT NULL DEFAULT FALSE,
    PRIMARY KEY (id),
    CONSTRAINT uk_maintenance_model_version UNIQUE (model_id, version),
    CONSTRAINT ck_maintenance_model_version_state CHECK (state IN ('training', 'ready', 'failed')),
    CONSTRAINT fk_maintenance_model_version_model FOREIGN KEY (model_id)
        REFERENCES maintenance_model (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The newest estimate of each scored device: the seconds left after its newest record (as_of).
CREATE TABLE rul_estimate (
    model_id     BIGINT       NOT NULL,
    device_id    VARCHAR(128) NOT NULL,
    version      INT          NOT NULL,
    rul_seconds  DOUBLE       NOT NULL,
    as_of        DATETIME(3)  NOT NULL,
    scored_at    DATETIME(3)  NOT NULL,
    PRIMARY KEY (model_id, device_id),
    KEY ix_rul_estimate_device (device_id),
    CONSTRAINT fk_rul_estimate_model FOREIGN KEY (model_id) REFERENCES maintenance_model (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
