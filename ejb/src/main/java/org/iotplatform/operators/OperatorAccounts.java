package org.iotplatform.operators;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.iotplatform.audit.AuditTrail;

/** Creates, changes and authenticates operator accounts; every change is audited. */
@Stateless
public class OperatorAccounts {

    @Inject
    OperatorAccountRepository repository;

    @Inject
    AuditTrail audit;

    @Inject
    VerifiedCredentials verified;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Inject
    Clock clock;

    @Inject
    PasswordChecks checks;

    @Inject
    @ConfigProperty(name = "iot.security.pbkdf2-iterations", defaultValue = "210000")
    int iterations;

    /** Verified against when the account does not exist, so both cases take the same time. */
    private static volatile String decoyHash;

    @PostConstruct
    void init() {
        passwordHash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        if (decoyHash == null) {
            decoyHash = passwordHash.generate("decoy-password-never-used".toCharArray());
        }
    }

    public AccountSummary create(Username username, Role role, Password password, String actor) {
        requirePersonRole(role);
        if (repository.find(username).isPresent()) {
            throw new AccountExistsException(username);
        }
        OperatorAccount account = new OperatorAccount(username, hash(password), role, clock.instant());
        repository.store(account);
        audit.record(actor, "operator.created", username.value(), "role=" + role.value());
        return AccountSummary.of(account);
    }

    public List<AccountSummary> list() {
        return repository.findAll().stream().map(AccountSummary::of).toList();
    }

    public Optional<OperatorAccount> find(Username username) {
        return repository.find(username);
    }

    /** Applies the changes that are present; absent ones are left as they are. */
    public AccountSummary change(
            Username username,
            Optional<AccountStatus> status,
            Optional<Role> role,
            Optional<Password> password,
            String actor) {
        OperatorAccount account = repository.find(username).orElseThrow(() -> new AccountNotFoundException(username));
        if (account.role() == Role.GATEWAY) {
            throw new InvalidAccountException(
                    "'" + username.value() + "' is an internal service account; it is managed by"
                            + " the platform's configuration (iot.gateway.password), not by operators");
        }
        role.ifPresent(OperatorAccounts::requirePersonRole);
        status.ifPresent(s -> {
            if (s != AccountStatus.ENABLED && username.value().equals(actor)) {
                throw new InvalidAccountException("you cannot disable your own account");
            }
            account.changeStatus(s, clock.instant());
            audit.record(actor, "operator." + s.value(), username.value(), null);
        });
        role.ifPresent(r -> {
            account.changeRole(r, clock.instant());
            audit.record(actor, "operator.role-changed", username.value(), "role=" + r.value());
        });
        password.ifPresent(p -> {
            account.changePasswordHash(hash(p), clock.instant());
            audit.record(actor, "operator.password-changed", username.value(), null);
        });
        verified.forget(username);
        return AccountSummary.of(account);
    }

    /** Internal service roles (the gateway's) come from configuration only: an operator holding one could impersonate a gateway. */
    private static void requirePersonRole(Role role) {
        if (role == Role.GATEWAY) {
            throw new InvalidAccountException("role must be one of admin, operator, viewer");
        }
    }

    /**
     * The role of an enabled account whose password matches, or empty. Unknown usernames cost as
     * much as wrong passwords, so the answer's timing does not reveal which accounts exist.
     */
    public Optional<Role> authenticate(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        Username name;
        try {
            name = new Username(username);
        } catch (InvalidAccountException e) {
            checks.check(() -> passwordHash.verify(password.toCharArray(), decoyHash));
            return Optional.empty();
        }
        return verified.roleOf(name, password, () -> {
            Optional<OperatorAccount> account = repository.find(name);
            boolean matches = checks.check(() -> passwordHash.verify(
                    password.toCharArray(),
                    account.map(OperatorAccount::passwordHash).orElse(decoyHash)));
            return matches && account.isPresent() && account.get().isEnabled()
                    ? Optional.of(account.get().role())
                    : Optional.empty();
        });
    }

    /**
     * The role of credentials verified a moment ago (see {@code iot.security.credential-cache-seconds}),
     * without hashing: proven callers skip the sign-in throttle, so an attacker's failures do not
     * lock out an admin who is already working.
     */
    public Optional<Role> recentlyVerified(String username, String password) {
        if (username == null || password == null) {
            return Optional.empty();
        }
        try {
            return verified.remembered(new Username(username), password);
        } catch (InvalidAccountException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates the first {@code admin} account when no enabled admin exists.
     *
     * @return true when it was created now
     */
    public boolean createInitialAdmin(Password password) {
        if (repository.anyEnabledWithRole(Role.ADMIN)) {
            return false;
        }
        Username admin = new Username("admin");
        Optional<OperatorAccount> existing = repository.find(admin);
        if (existing.isPresent()) {
            // an earlier admin was disabled and no other admin is left: restore access
            existing.get().changeStatus(AccountStatus.ENABLED, clock.instant());
            existing.get().changeRole(Role.ADMIN, clock.instant());
            existing.get().changePasswordHash(hash(password), clock.instant());
            audit.record("system", "operator.admin-restored", admin.value(), null);
        } else {
            repository.store(new OperatorAccount(admin, hash(password), Role.ADMIN, clock.instant()));
            audit.record("system", "operator.created", admin.value(), "role=admin (initial)");
        }
        return true;
    }

    /**
     * Makes the service account {@code username} exist, enabled, with {@code role} and this
     * password (configuration is the source of truth for service identities).
     */
    public void ensureServiceAccount(Username username, Role role, Password password) {
        Optional<OperatorAccount> existing = repository.find(username);
        if (existing.isEmpty()) {
            repository.store(new OperatorAccount(username, hash(password), role, clock.instant()));
            audit.record("system", "operator.created", username.value(), "role=" + role.value() + " (service)");
            return;
        }
        OperatorAccount account = existing.get();
        if (!account.isEnabled()
                || account.role() != role
                || !passwordHash.verify(password.value().toCharArray(), account.passwordHash())) {
            account.changeStatus(AccountStatus.ENABLED, clock.instant());
            account.changeRole(role, clock.instant());
            account.changePasswordHash(hash(password), clock.instant());
            verified.forget(username);
            audit.record("system", "operator.service-account-updated", username.value(), "role=" + role.value());
        }
    }

    private String hash(Password password) {
        return passwordHash.generate(password.value().toCharArray());
    }
}
