package org.iotplatform.web.ui.alerts;

import java.util.Set;
import org.iotplatform.alerts.AlertNotFoundException;
import org.iotplatform.alerts.AlertRuleNotFoundException;
import org.iotplatform.alerts.InvalidAlertRequestException;
import org.iotplatform.alerts.InvalidAlertRuleException;
import org.iotplatform.web.ui.components.ActionNotices;

/** How the alerts views report ({@link ActionNotices}), with the alerts services' refusals shown as they are. */
final class AlertNotices {

    private static final Set<Class<? extends RuntimeException>> REFUSALS = Set.of(
            InvalidAlertRuleException.class,
            InvalidAlertRequestException.class,
            AlertNotFoundException.class,
            AlertRuleNotFoundException.class);

    private AlertNotices() {}

    static String reason(Throwable e) {
        return ActionNotices.reason(e, REFUSALS, "Alerts");
    }

    static void success(String message) {
        ActionNotices.success(message);
    }

    static void error(String message) {
        ActionNotices.error(message);
    }
}
