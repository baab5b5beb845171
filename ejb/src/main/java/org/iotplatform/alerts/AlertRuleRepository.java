package org.iotplatform.alerts;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where alert rules are kept. */
public interface AlertRuleRepository {

    List<AlertRule> all();

    Optional<AlertRule> find(long id);

    /** The enabled absence rules, for the timer. */
    List<Long> absenceRuleIds();

    Optional<AlertRule> findByName(String name);

    void store(AlertRule rule);

    void remove(AlertRule rule);

    /** The ids of the devices carrying tag {@code name} with {@code value}. */
    Set<String> devicesTagged(String name, String value);
}
