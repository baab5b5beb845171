package org.iotplatform.alerts;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.iotplatform.audit.AuditTrail;
import org.iotplatform.infrastructure.transaction.AfterCommit;
import org.iotplatform.routing.EndpointType;
import org.iotplatform.routing.InvalidRuleException;
import org.iotplatform.routing.OutboundTargets;

/**
 * Operators' alert rules: defined, changed, switched on and off, removed; every change audited. A
 * changed rule counts afresh (its active alerts stay, and clear or count as the new condition says);
 * a disabled or deleted rule's active alerts are cleared, with the reason in their history.
 */
@Stateless
public class AlertRules {

    @Inject
    AlertRuleRepository rules;

    @Inject
    AlertRepository alerts;

    @Inject
    WatchedRules watched;

    @Inject
    OutboundTargets targets;

    @Inject
    AuditTrail audit;

    @Inject
    AlertFeed feed;

    @Inject
    Clock clock;

    @Resource
    TransactionSynchronizationRegistry transactions;

    public List<RuleView> all() {
        return rules.all().stream().map(RuleView::of).toList();
    }

    public RuleView get(long id) {
        return RuleView.of(rule(id));
    }

    public RuleView create(AlertRuleDefinition definition, String actor) {
        refuseTakenName(definition.name(), null);
        checkTargets(definition);
        AlertRule rule = new AlertRule(definition, clock.instant());
        rules.store(rule);
        invalidate();
        audit.record(actor, "rule.created", target(rule), describe(rule));
        return RuleView.of(rule);
    }

    public RuleView change(long id, AlertRuleDefinition definition, String actor) {
        AlertRule rule = rule(id);
        refuseTakenName(definition.name(), rule.id());
        checkTargets(definition);
        Instant now = clock.instant();
        rule.change(definition, now);
        if (rule.enabled()) {
            alerts.restartStates(rule.id());
        } else {
            clearActive(rule.id(), "rule disabled", now);
            alerts.removeStates(rule.id());
        }
        invalidate();
        audit.record(actor, "rule.changed", target(rule), describe(rule));
        return RuleView.of(rule);
    }

    public void delete(long id, String actor) {
        AlertRule rule = rule(id);
        clearActive(rule.id(), "rule deleted", clock.instant());
        rules.remove(rule);
        invalidate();
        audit.record(actor, "rule.deleted", target(rule), null);
    }

    /**
     * Now, and again after the commit: an ingest that reloads the rules in between still reads the
     * old ones, and would keep them until the next refresh.
     */
    private void invalidate() {
        watched.invalidate();
        AfterCommit.run(transactions, watched::invalidate);
    }

    private void clearActive(long ruleId, String why, Instant now) {
        List<AlertEvent> events = new ArrayList<>();
        for (Alert a : alerts.activeOf(ruleId)) {
            a.clear(AlertEvent.SYSTEM, now);
            events.add(new AlertEvent(a.id(), now, AlertEvent.SYSTEM, AlertEvent.CLEARED, why));
        }
        events.forEach(alerts::append);
        feed.afterCommit(events);
    }

    /** Webhooks go where routes may deliver (the same allow-list and address checks). */
    private void checkTargets(AlertRuleDefinition d) {
        for (RuleAction a : RuleAction.parse(d.actions())) {
            if (a.type() == RuleAction.Type.WEBHOOK) {
                try {
                    targets.check(EndpointType.HTTP, a.text("url"));
                } catch (InvalidRuleException e) {
                    throw new InvalidAlertRuleException("actions: " + e.getMessage());
                }
            }
        }
    }

    private void refuseTakenName(String name, Long own) {
        rules.findByName(name).filter(r -> !r.id().equals(own)).ifPresent(r -> {
            throw new InvalidAlertRuleException("a rule named '" + name + "' exists already");
        });
    }

    private AlertRule rule(long id) {
        return rules.find(id).orElseThrow(() -> new AlertRuleNotFoundException(id));
    }

    private static String target(AlertRule r) {
        return "rule " + r.id() + " (" + r.name() + ")";
    }

    private static String describe(AlertRule r) {
        String timing = r.heldFor() != null
                ? " held for " + r.heldFor()
                : r.inARow() != null ? " " + r.inARow() + " in a row" : "";
        return r.severity().value() + " when " + (r.absence() != null ? r.absence() : r.condition()) + timing + " on "
                + r.devices() + (r.enabled() ? "" : " (disabled)") + "; actions " + r.actions();
    }
}
