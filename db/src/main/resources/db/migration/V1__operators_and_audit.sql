-- Operator accounts (dashboard and REST users) and the audit trail of their actions.
-- Times are UTC, stored as DATETIME so MariaDB never shifts them by a session time zone.

CREATE TABLE operator_account (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    username      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    CONSTRAINT uk_operator_account_username UNIQUE (username),
    CONSTRAINT ck_operator_account_role CHECK (role IN ('admin', 'operator', 'viewer')),
    CONSTRAINT ck_operator_account_status CHECK (status IN ('enabled', 'disabled'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE audit_entry (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    occurred_at DATETIME(3)   NOT NULL,
    actor       VARCHAR(64)   NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    target      VARCHAR(255)  NULL,
    detail      VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    KEY ix_audit_entry_time (occurred_at),
    KEY ix_audit_entry_actor (actor, occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
