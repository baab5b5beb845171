package org.iotplatform.alerts;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every five seconds, the absence rules ("no telemetry for 10 minutes", "disconnected for more than
 * 5 minutes"): each rule is checked in its own transaction, so one that fails does not hold up the
 * others.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AbsenceWatch {

    private static final Logger LOG = Logger.getLogger(AbsenceWatch.class.getName());

    @Inject
    AlertRuleRepository rules;

    @Inject
    AbsenceCheck check;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void checkAll() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (long id : rules.absenceRuleIds()) {
                try {
                    check.check(id);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "absence rule " + id + " could not be checked just now", e);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "absence rules cannot be read just now", e); // the database is away
        } finally {
            running.set(false);
        }
    }
}
