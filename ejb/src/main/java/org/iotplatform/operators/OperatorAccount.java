package org.iotplatform.operators;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import org.iotplatform.operators.jpa.AccountStatusConverter;
import org.iotplatform.operators.jpa.RoleConverter;
import org.iotplatform.operators.jpa.UsernameConverter;

/** A person or business system allowed to use the dashboard and the REST API. */
@Entity
@Table(name = "operator_account")
public class OperatorAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Convert(converter = UsernameConverter.class)
    @Column(name = "username", nullable = false, length = 64, updatable = false)
    private Username username;

    /** PBKDF2 hash in the container's format (algorithm:iterations:salt:hash). */
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Convert(converter = RoleConverter.class)
    @Column(name = "role", nullable = false, length = 16)
    private Role role;

    @Convert(converter = AccountStatusConverter.class)
    @Column(name = "status", nullable = false, length = 16)
    private AccountStatus status;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected OperatorAccount() {
        // for JPA
    }

    public OperatorAccount(Username username, String passwordHash, Role role, Instant now) {
        this.username = Objects.requireNonNull(username);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.role = Objects.requireNonNull(role);
        this.status = AccountStatus.ENABLED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void changeStatus(AccountStatus newStatus, Instant now) {
        this.status = Objects.requireNonNull(newStatus);
        this.updatedAt = now;
    }

    public void changeRole(Role newRole, Instant now) {
        this.role = Objects.requireNonNull(newRole);
        this.updatedAt = now;
    }

    public void changePasswordHash(String newHash, Instant now) {
        this.passwordHash = Objects.requireNonNull(newHash);
        this.updatedAt = now;
    }

    public boolean isEnabled() {
        return status == AccountStatus.ENABLED;
    }

    public Username username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Role role() {
        return role;
    }

    public AccountStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
