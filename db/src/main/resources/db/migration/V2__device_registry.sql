-- The device registry: devices, their tags, revocations (read by gateways) and connection events.

CREATE SEQUENCE device_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE device (
    id                          BIGINT       NOT NULL,
    device_id                   VARCHAR(128) NOT NULL,
    status                      VARCHAR(16)  NOT NULL,
    primary_key_enc             VARCHAR(255) NOT NULL,
    secondary_key_enc           VARCHAR(255) NOT NULL,
    connection_state            VARCHAR(16)  NOT NULL,
    connection_state_updated_at DATETIME(3)  NULL,
    last_activity_time          DATETIME(3)  NULL,
    created_at                  DATETIME(3)  NOT NULL,
    updated_at                  DATETIME(3)  NOT NULL,
    version                     BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_device_device_id UNIQUE (device_id),
    CONSTRAINT ck_device_status CHECK (status IN ('enabled', 'disabled')),
    CONSTRAINT ck_device_connection_state CHECK (connection_state IN ('connected', 'disconnected')),
    KEY ix_device_status (status),
    KEY ix_device_connection_state (connection_state)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE device_tag (
    device_pk BIGINT       NOT NULL,
    name      VARCHAR(64)  NOT NULL,
    value     VARCHAR(256) NOT NULL,
    PRIMARY KEY (device_pk, name),
    KEY ix_device_tag_name_value (name, value),
    CONSTRAINT fk_device_tag_device FOREIGN KEY (device_pk) REFERENCES device (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE device_revocation (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    device_id  VARCHAR(128) NOT NULL,
    reason     VARCHAR(32)  NOT NULL,
    revoked_at DATETIME(3)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE device_connection_event (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    device_id      VARCHAR(128) NOT NULL,
    event          VARCHAR(16)  NOT NULL,
    occurred_at    DATETIME(3)  NOT NULL,
    protocol       VARCHAR(16)  NULL,
    reason         VARCHAR(255) NULL,
    remote_address VARCHAR(64)  NULL,
    PRIMARY KEY (id),
    KEY ix_device_connection_event_device (device_id, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The device gateway's service identity signs in like an operator, with its own role.
ALTER TABLE operator_account DROP CONSTRAINT ck_operator_account_role;
ALTER TABLE operator_account ADD CONSTRAINT ck_operator_account_role
    CHECK (role IN ('admin', 'operator', 'viewer', 'gateway'));
