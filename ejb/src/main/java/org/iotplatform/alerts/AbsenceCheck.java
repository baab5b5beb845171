package org.iotplatform.alerts;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges one absence rule now, in its own transaction: raises an alert for each watched device that
 * has been silent (or disconnected) long enough, clears the alerts whose device is back or no longer
 * watched. The pairs are locked as the telemetry evaluation locks them, so an instance checking the
 * same rule, or telemetry ending a silence at the same moment, cannot raise twice.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AbsenceCheck {

    @Inject
    AlertRuleRepository rules;

    @Inject
    AlertRepository alerts;

    @Inject
    AlertActionRepository actions;

    @Inject
    AlertFeed feed;

    @Inject
    Clock clock;

    /** @return alerts raised and cleared */
    public int check(long ruleId) {
        AlertRule rule = rules.find(ruleId).orElse(null);
        if (rule == null || !rule.enabled() || rule.absence() == null) {
            return 0;
        }
        Absence absence = rule.absence();
        Instant now = clock.instant();
        Map<RuleDevice, Instant> raise = new TreeMap<>();
        for (AlertRepository.Absent a : alerts.absent(ruleId, rule.devices(), absence, now)) {
            raise.put(new RuleDevice(ruleId, a.deviceId()), a.since());
        }
        List<RuleDevice> clear = alerts.absenceOver(ruleId, rule.devices(), absence).stream()
                .map(d -> new RuleDevice(ruleId, d))
                .toList();
        if (raise.isEmpty() && clear.isEmpty()) {
            return 0;
        }
        TreeMap<RuleDevice, Boolean> pairs = new TreeMap<>();
        raise.keySet().forEach(p -> pairs.put(p, true));
        clear.forEach(p -> pairs.put(p, false));
        Map<RuleDevice, AlertRepository.Locked> locked = alerts.lockStates(new ArrayList<>(pairs.keySet()), now);
        RuleCheck check = rule.check();
        Map<RuleDevice, AlertRepository.Locked> judged = new HashMap<>();
        List<AlertEvent> events = new ArrayList<>();
        for (Map.Entry<RuleDevice, Boolean> e : pairs.entrySet()) {
            RuleDevice pair = e.getKey();
            AlertRepository.Locked before = locked.get(pair);
            if (before == null) {
                continue; // the rule was deleted meanwhile
            }
            RuleState state = before.state();
            if (e.getValue() && before.alertId() == null) {
                Instant since = raise.get(pair);
                AlertRepository.Raised raised =
                        alerts.raise(check, pair.deviceId(), absence.describe(Duration.between(since, now)), now);
                if (raised.created()) {
                    actions.queue(raised.id(), check.actions(), now);
                    events.add(new AlertEvent(
                            raised.id(),
                            now,
                            AlertEvent.SYSTEM,
                            AlertEvent.RAISED,
                            absence + " (since " + since + ")"));
                }
                state.alertActive = true;
                judged.put(pair, new AlertRepository.Locked(state, raised.id()));
            } else if (!e.getValue() && before.alertId() != null) {
                alerts.clear(before.alertId(), now);
                events.add(new AlertEvent(
                        before.alertId(),
                        now,
                        AlertEvent.SYSTEM,
                        AlertEvent.CLEARED,
                        absence.kind() == Absence.Kind.CONNECTION
                                ? "connected again, or no longer watched"
                                : "no longer watched"));
                state.alertActive = false;
                judged.put(pair, new AlertRepository.Locked(state, null));
            }
        }
        alerts.appendEvents(events);
        alerts.saveStates(judged, now);
        feed.afterCommit(events);
        return judged.size();
    }
}
