package org.iotplatform.operators;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes sure the platform can be administered on first start: creates the {@code admin} account
 * with {@code iot.admin.password}, or with a random password printed once when that is unset.
 * Also keeps the device gateway's service account ({@code gateway}, {@code iot.gateway.password}).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InitialAdmin {

    private static final Logger LOG = Logger.getLogger(InitialAdmin.class.getName());
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    @EJB
    OperatorAccounts accounts;

    @Inject
    @ConfigProperty(name = "iot.admin.password")
    Optional<String> configuredPassword;

    @Inject
    @ConfigProperty(name = "iot.gateway.password")
    Optional<String> gatewayPassword;

    @PostConstruct
    void ensureAccounts() {
        ensureAdmin();
        // the device gateway's identity exists only when a password for it is configured
        gatewayPassword
                .filter(p -> !p.isBlank())
                .ifPresent(p -> accounts.ensureServiceAccount(new Username("gateway"), Role.GATEWAY, new Password(p)));
    }

    private void ensureAdmin() {
        boolean generated = configuredPassword.filter(p -> !p.isBlank()).isEmpty();
        String password = generated ? randomPassword() : configuredPassword.get();
        if (accounts.createInitialAdmin(new Password(password))) {
            if (generated) {
                // printed once, by contract (CONTRACT.md); only the hash is stored
                LOG.warning("Initial admin account created. Username: admin  Password: " + password
                        + "  (shown once; set iot.admin.password to choose it)");
            } else {
                LOG.info("Initial admin account created with the configured iot.admin.password");
            }
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
