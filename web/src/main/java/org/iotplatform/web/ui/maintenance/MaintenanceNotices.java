package org.iotplatform.web.ui.maintenance;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import jakarta.ejb.EJBAccessException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.maintenance.InvalidModelException;
import org.iotplatform.maintenance.ModelExistsException;
import org.iotplatform.maintenance.ModelNotFoundException;

/** How the maintenance view reports, as the alerts views do: a short notification, any details in the log. */
final class MaintenanceNotices {

    private static final Logger LOG = Logger.getLogger(MaintenanceNotices.class.getName());

    private MaintenanceNotices() {}

    /**
     * The maintenance services' own messages are meant for people, also when the EJB container wrapped
     * them; anything else is logged with an incident id and summarised, never shown as a stack trace.
     */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidModelException
                    || t instanceof ModelExistsException
                    || t instanceof ModelNotFoundException) {
                return capitalized(t.getMessage());
            }
            if (t instanceof EJBAccessException) {
                return "Not allowed for your role.";
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Maintenance action failed, incident " + incident, e);
        return "The server could not do this (incident " + incident + "). Try again in a moment.";
    }

    static void success(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    static void error(String message) {
        Notification.show(message, 5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private static String capitalized(String message) {
        return message == null || message.isEmpty()
                ? "Refused."
                : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
