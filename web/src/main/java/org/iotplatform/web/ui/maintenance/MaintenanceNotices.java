package org.iotplatform.web.ui.maintenance;

import java.util.Set;
import org.iotplatform.maintenance.InvalidModelException;
import org.iotplatform.maintenance.ModelExistsException;
import org.iotplatform.maintenance.ModelNotFoundException;
import org.iotplatform.web.ui.components.ActionNotices;

/** How the maintenance view reports ({@link ActionNotices}), with the maintenance services' refusals shown as they are. */
final class MaintenanceNotices {

    private static final Set<Class<? extends RuntimeException>> REFUSALS =
            Set.of(InvalidModelException.class, ModelExistsException.class, ModelNotFoundException.class);

    private MaintenanceNotices() {}

    static String reason(Throwable e) {
        return ActionNotices.reason(e, REFUSALS, "Maintenance");
    }

    static void success(String message) {
        ActionNotices.success(message);
    }

    static void error(String message) {
        ActionNotices.error(message);
    }
}
