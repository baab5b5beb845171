-- Device twins: desired properties (written by the back end) and reported properties (written by the
-- device), each a JSON document with its own version; the row's version is the twin's ETag. Tags are
-- the registry's device tags.

CREATE TABLE device_twin (
    device_id        VARCHAR(128) NOT NULL,
    desired          MEDIUMTEXT   NOT NULL,
    desired_version  BIGINT       NOT NULL,
    reported         MEDIUMTEXT   NOT NULL,
    reported_version BIGINT       NOT NULL,
    version          BIGINT       NOT NULL,
    updated_at       DATETIME(3)  NOT NULL,
    PRIMARY KEY (device_id),
    CONSTRAINT fk_device_twin_device FOREIGN KEY (device_id) REFERENCES device (device_id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
