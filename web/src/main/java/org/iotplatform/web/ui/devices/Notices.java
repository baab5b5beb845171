package org.iotplatform.web.ui.devices;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.registry.DeviceId;
import org.iotplatform.registry.InvalidDeviceException;

/** How the device page reports trouble: a short notification for the operator, the details in the log. */
final class Notices {

    private static final Logger LOG = Logger.getLogger(Notices.class.getName());

    private Notices() {}

    static void failed(DeviceId device, String what, Throwable e) {
        LOG.log(Level.WARNING, what + " failed for device " + device, e);
        error(what + " failed: " + reason(e));
    }

    static void error(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static void warning(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_WARNING);
    }

    /** Our own validation messages are meant for people; anything else is summarised, never a stack trace. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidDeviceException || t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        return "the server could not answer. Try again in a moment.";
    }
}
