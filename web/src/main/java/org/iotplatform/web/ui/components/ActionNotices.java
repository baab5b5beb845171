package org.iotplatform.web.ui.components;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import jakarta.ejb.EJBAccessException;
import jakarta.persistence.OptimisticLockException;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a view reports what an operator's action did: a short notification, any details in the log.
 * The services' own refusals are meant for people, also when the EJB container wrapped them; anything
 * else is logged with an incident id and summarised, never shown as a stack trace.
 */
public final class ActionNotices {

    private static final Logger LOG = Logger.getLogger(ActionNotices.class.getName());

    private ActionNotices() {}

    /**
     * @param refusals the service exceptions whose messages are shown as they are
     * @param area     names the failed action in the log, e.g. "Alerts"
     */
    public static String reason(Throwable e, Set<Class<? extends RuntimeException>> refusals, String area) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            Throwable cause = t;
            if (refusals.stream().anyMatch(r -> r.isInstance(cause))) {
                return capitalized(t.getMessage());
            }
            if (t instanceof OptimisticLockException) {
                return "Changed by someone else meanwhile; refresh and try again.";
            }
            if (t instanceof EJBAccessException) {
                return "Not allowed for your role.";
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, area + " action failed, incident " + incident, e);
        return "The server could not do this (incident " + incident + "). Try again in a moment.";
    }

    public static void success(String message) {
        Notification.show(message, 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(String message) {
        Notification.show(message, 5000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private static String capitalized(String message) {
        return message == null || message.isEmpty()
                ? "Refused."
                : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
