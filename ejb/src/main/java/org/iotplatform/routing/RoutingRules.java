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

    public List<RoutingRule> all() {
        return rules.all();
    }

    public RoutingRule get(String name) {
        return rules.find(name).orElseThrow(() -> new RuleNotFoundException(name));
    }

    public RoutingRule create(
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
        return rule;
    }

    public RoutingRule change(
            String name, String condition, EndpointType type, String target, boolean enabled, String actor) {
        RoutingRule rule = get(name);
        RuleCondition.parse(condition);
        targets.check(type, target);
        rule.change(condition, type, target, enabled, clock.instant());
        active.invalidate();
        audit.record(actor, "route.changed", name, describe(rule));
        return rule;
    }

    public void delete(String name, String actor) {
        RoutingRule rule = get(name);
        rules.remove(rule);
        active.invalidate();
        audit.record(actor, "route.deleted", name, null);
    }

    /** Messages matched but not delivered yet. */
    public long pending(RoutingRule rule) {
        return rules.pending(rule.id());
    }

    private static String describe(RoutingRule r) {
        return "when " + r.condition() + " -> " + r.endpointType().value() + " " + r.target()
                + (r.enabled() ? "" : " (disabled)");
    }
}
