-- Commands sent to devices, one row each: direct methods (with the device's answer), cloud-to-device
-- messages (queued per device until delivered or expired) and desired-property changes. The device
-- page's command history; for messages also their queue.

CREATE TABLE device_command (
    id            BIGINT        NOT NULL AUTO_INCREMENT,
    device_id     VARCHAR(128)  NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    name          VARCHAR(128)  NOT NULL,
    request       TEXT          NULL,
    state         VARCHAR(16)   NOT NULL,
    result_status INT           NULL,
    result        TEXT          NULL,
    requested_by  VARCHAR(64)   NOT NULL,
    requested_at  DATETIME(3)   NOT NULL,
    completed_at  DATETIME(3)   NULL,
    expires_at    DATETIME(3)   NULL,
    properties    TEXT          NULL,
    PRIMARY KEY (id),
    CONSTRAINT ck_device_command_kind CHECK (kind IN ('method', 'message', 'desired')),
    KEY ix_device_command_device (device_id, requested_at),
    KEY ix_device_command_queue (device_id, kind, state, id),
    KEY ix_device_command_expiry (state, expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
