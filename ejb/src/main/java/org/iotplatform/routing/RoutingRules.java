package org.iotplatform.routing;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.iotplatform.audit.AuditTrail;

/** Operators' routes: defined, changed, switched on and off, removed; every change audited. */
@Stateless
public class RoutingRules {

    @Inject
    OutboundTargets targets;

    @Inject
    RoutingRuleRepository rules;

    @Inject
    ActiveRoutes active;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Every route with its delivery counts, by name. */
    public List<RouteSummary> all() {
        return rules.all().stream().map(this::summary).toList();
    }

    public RouteSummary get(String name) {
        return summary(rule(name));
    }

    public RouteSummary create(
            String name, String condition, EndpointType type, String target, boolean enabled, String actor) {
        if (rules.find(name).isPresent()) {
            throw new InvalidRuleException("a route named '" + name + "' exists already");
        }
        RuleCondition.parse(condition); // a bad condition is explained before the target is judged
        targets.check(type, target);
        RoutingRule rule = new RoutingRule(name, condition, type, target, enabled, clock.instant());
        rules.store(rule);
        active.invalidate();
        audit.record(actor, "route.created", name, describe(rule));
        return summary(rule);
    }

    public RouteSummary change(
            String name, String condition, EndpointType type, String target, boolean enabled, String actor) {
        RoutingRule rule = rule(name);
        RuleCondition.parse(condition);
        targets.check(type, target);
        rule.change(condition, type, target, enabled, clock.instant());
        active.invalidate();
        audit.record(actor, "route.changed", name, describe(rule));
        return summary(rule);
    }

    public void delete(String name, String actor) {
        RoutingRule rule = rule(name);
        rules.remove(rule);
        active.invalidate();
        audit.record(actor, "route.deleted", name, null);
    }

    private RoutingRule rule(String name) {
        return rules.find(name).orElseThrow(() -> new RuleNotFoundException(name));
    }

    /** With the messages matched but not delivered yet. */
    private RouteSummary summary(RoutingRule rule) {
        return RouteSummary.of(rule, rules.pending(rule.id()));
    }

    private static String describe(RoutingRule r) {
        return "when " + r.condition() + " -> " + r.endpointType().value() + " " + r.target()
                + (r.enabled() ? "" : " (disabled)");
    }
}
