package org.iotplatform.alerts;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.commanding.CloudToDeviceMessages;
import org.iotplatform.commanding.DirectMethods;
import org.iotplatform.infrastructure.notification.MailSender;
import org.iotplatform.infrastructure.notification.NotificationFailedException;
import org.iotplatform.infrastructure.notification.WebhookSender;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.routing.InvalidRuleException;
import org.iotplatform.routing.OutboundTargets;
import org.iotplatform.twin.DeviceTwins;

/**
 * Carries out the actions of raised alerts, every two seconds what is due: feedback to the device
 * (a direct method, a desired-properties patch, a cloud-to-device message), e-mail, webhook, and
 * the request for a work order. Each attempt's outcome goes to the {@link ActionLedger}: a failed
 * one is tried again with back-off and stays visible on its alert.
 *
 * <p>Actions run on the managed executor, not on the timer: a direct method may wait minutes for its
 * device, and one slow action must not hold the others up.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AlertActions {

    private static final Logger LOG = Logger.getLogger(AlertActions.class.getName());
    private static final int BATCH = 50;
    private static final Duration DEFAULT_METHOD_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ActionLedger ledger;

    @Inject
    DirectMethods methods;

    @Inject
    CloudToDeviceMessages messages;

    @Inject
    DeviceTwins twins;

    @Inject
    MailSender mail;

    @Inject
    WebhookSender webhooks;

    @Inject
    OutboundTargets targets;

    @Resource
    ManagedExecutorService executor;

    private final AtomicBoolean claiming = new AtomicBoolean();

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    void runDue() {
        if (!claiming.compareAndSet(false, true)) {
            return;
        }
        try {
            List<ActionLedger.Claimed> due = ledger.claim(BATCH);
            due.forEach(this::start);
        } catch (RuntimeException e) {
            // the database is away: DatabaseReadiness says so; the actions wait in the table
            LOG.log(Level.FINE, "alert actions cannot be claimed just now", e);
        } finally {
            claiming.set(false);
        }
    }

    private void start(ActionLedger.Claimed c) {
        CompletionStage<String> run;
        try {
            run = c.action().type() == RuleAction.Type.METHOD
                    ? method(c)
                    : CompletableFuture.supplyAsync(() -> perform(c), executor);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenCompleteAsync((outcome, error) -> record(c, outcome, error), executor);
    }

    private void record(ActionLedger.Claimed c, String outcome, Throwable error) {
        try {
            if (error == null) {
                ledger.done(c.id(), outcome);
            } else {
                Throwable cause =
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                String reason =
                        cause instanceof NotificationWrapper w ? w.getCause().getMessage() : cause.getMessage();
                LOG.info(() -> "alert " + c.alert().id() + ": " + c.action().describe() + " failed: " + reason);
                ledger.failed(c.id(), reason == null ? cause.getClass().getSimpleName() : reason);
            }
        } catch (RuntimeException e) {
            // not recorded: the lease runs out and the action is tried again
            LOG.log(Level.WARNING, "the outcome of alert action " + c.id() + " could not be recorded", e);
        }
    }

    private CompletionStage<String> method(ActionLedger.Claimed c) {
        RuleAction a = c.action();
        Duration timeout = Duration.ofSeconds(a.number("timeoutSeconds", (int) DEFAULT_METHOD_TIMEOUT.toSeconds()));
        return methods.invoke(DeviceId.of(c.alert().deviceId()), a.text("name"), a.json("payload"), timeout, actor(c))
                .thenApply(r -> "status " + r.status() + (r.payload() == null ? "" : " " + r.payload()));
    }

    private String perform(ActionLedger.Claimed c) {
        RuleAction a = c.action();
        AlertView alert = c.alert();
        DeviceId device = DeviceId.of(alert.deviceId());
        try {
            return switch (a.type()) {
                case MESSAGE -> {
                    String payload = a.json("payload");
                    var sent = messages.send(
                            device,
                            payload == null ? "" : payload,
                            Map.of("iot-alert", String.valueOf(alert.id())),
                            null,
                            actor(c));
                    yield "message " + sent.messageId() + " queued";
                }
                case DESIRED -> {
                    var twin = twins.patch(
                            device, null, "{\"properties\":{\"desired\":" + a.json("properties") + "}}", actor(c));
                    yield "desired properties at version " + twin.desiredVersion();
                }
                case EMAIL -> {
                    AlertNotice notice = AlertNotice.of(alert);
                    mail.send(a.texts("to"), notice.subject(), notice.text());
                    yield "sent";
                }
                case WEBHOOK -> {
                    targets.checkDelivery(a.text("url"));
                    yield "HTTP "
                            + webhooks.post(
                                    URI.create(a.text("url")),
                                    AlertNotice.of(alert).json());
                }
                case WORKORDER -> "requested; no work-order system is connected yet, so it is recorded here";
                case METHOD -> throw new IllegalStateException("methods run asynchronously");
            };
        } catch (NotificationFailedException e) {
            throw new NotificationWrapper(e);
        } catch (InvalidRuleException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Who the command history and audit name: the rule (within the 64 characters an actor has). */
    private static String actor(ActionLedger.Claimed c) {
        String actor = "rule:" + c.alert().rule();
        return actor.length() <= 64 ? actor : actor.substring(0, 64);
    }

    /** Carries a checked notification failure through the completion stage. */
    private static final class NotificationWrapper extends RuntimeException {
        NotificationWrapper(NotificationFailedException cause) {
            super(cause);
        }
    }
}
