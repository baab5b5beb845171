package org.iotplatform.alerts;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The book of alert actions, each call its own transaction: which actions are due (claimed under a
 * lease), what became of an attempt (done, or failed and when to try again), an operator's retry.
 * What an action did goes into its alert's history when it is done or given up.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ActionLedger {

    /** A claimed action with the alert it is about, as it was when claimed. */
    public record Claimed(long id, RuleAction action, AlertView alert) {}

    @Inject
    AlertActionRepository actions;

    @Inject
    AlertRepository alerts;

    @Inject
    AlertFeed feed;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "iot.alerts.actions.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "iot.alerts.actions.retry-delay", defaultValue = "PT10S")
    Duration retryDelay;

    @Inject
    @ConfigProperty(name = "iot.alerts.actions.max-retry-delay", defaultValue = "PT10M")
    Duration maxRetryDelay;

    /** Longer than the longest action (a direct method waits up to 300 s): a claim outlives its run. */
    static final Duration LEASE = Duration.ofMinutes(10);

    public List<Claimed> claim(int limit) {
        Instant now = clock.instant();
        List<Claimed> claimed = new ArrayList<>();
        for (AlertAction a : actions.claimDue(now, now.plus(LEASE), limit)) {
            alerts.find(a.alertId())
                    .ifPresent(alert -> claimed.add(new Claimed(a.id(), a.action(), AlertView.of(alert))));
        }
        return claimed;
    }

    public void done(long id, String outcome) {
        actions.lock(id).ifPresent(a -> {
            Instant now = clock.instant();
            a.done(outcome, now);
            append(new AlertEvent(
                    a.alertId(),
                    now,
                    AlertEvent.SYSTEM,
                    AlertEvent.ACTION,
                    a.action().describe() + ": " + outcome));
        });
    }

    public void failed(long id, String reason) {
        actions.lock(id).ifPresent(a -> {
            Instant now = clock.instant();
            if (a.failed(reason, now, maxAttempts, retryDelay, maxRetryDelay)) {
                append(new AlertEvent(
                        a.alertId(),
                        now,
                        AlertEvent.SYSTEM,
                        AlertEvent.ACTION_FAILED,
                        a.action().describe() + ": gave up after " + a.attempts() + " attempts: " + reason));
            }
        });
    }

    /**
     * An operator's "try again" of a failed action; a pending or done one is left as it is. In the
     * caller's transaction: it holds the alert's lock, which this one's history entry would wait for.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void retry(long alertId, long actionId, String actor) {
        AlertAction a = actions.lock(actionId)
                .filter(x -> x.alertId() == alertId)
                .orElseThrow(() -> new InvalidAlertRequestException("alert " + alertId + " has no action " + actionId));
        Instant now = clock.instant();
        if (a.retry(now)) {
            append(new AlertEvent(
                    alertId, now, actor, AlertEvent.ACTION_RETRIED, a.action().describe()));
        }
    }

    private void append(AlertEvent event) {
        alerts.append(event);
        feed.afterCommit(event);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AlertAction.View> of(long alertId) {
        return AlertAction.View.of(actions.ofAlert(alertId));
    }
}
