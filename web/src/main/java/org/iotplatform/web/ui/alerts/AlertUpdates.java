package org.iotplatform.web.ui.alerts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.iotplatform.alerts.AlertEvent;
import org.iotplatform.alerts.AlertFeed;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.ThrottledUpdates;

/**
 * Alert changes pushed to a UI: what shows alerts reads them again as soon as one changes, not on the
 * next tick. A burst (a rule raising for a whole fleet) costs a UI at most two reads a second.
 */
public final class AlertUpdates {

    static final Duration FLUSH = Duration.ofMillis(500);

    /** What the active alerts are made of changed (raised or cleared): counts and worst severities follow. */
    public static final Predicate<AlertFeed.Notice> ACTIVE_CHANGED =
            n -> AlertEvent.RAISED.equals(n.change().what())
                    || AlertEvent.CLEARED.equals(n.change().what());

    /** Anything in an alert's history, e.g. for the list that shows who acknowledged and who has it. */
    public static final Predicate<AlertFeed.Notice> ANY = n -> true;

    private AlertUpdates() {}

    /**
     * Runs {@code reload} in {@code ui} soon after each committed change {@code relevant} accepts, until
     * the returned handle is closed (or the UI is gone).
     */
    public static ThrottledUpdates<Boolean> subscribe(
            UI ui, AlertFeed feed, DashboardExecutor executor, Predicate<AlertFeed.Notice> relevant, Runnable reload) {
        // only "something changed" matters: one pending item is as good as many
        ThrottledUpdates<Boolean> updates = new ThrottledUpdates<>(ui, executor, FLUSH, 1, batch -> reload.run());
        updates.closeWith(feed.subscribe(notices -> {
            if (notices.stream().anyMatch(relevant)) {
                updates.offer(Boolean.TRUE); // never blocks the committing thread
            }
        }));
        return updates;
    }

    /** {@link #subscribe} for as long as {@code component} is attached, each time it is. */
    public static void whileAttached(
            Component component,
            AlertFeed feed,
            DashboardExecutor executor,
            Predicate<AlertFeed.Notice> relevant,
            Consumer<UI> reload) {
        component.addAttachListener(attach -> {
            UI ui = attach.getUI();
            ThrottledUpdates<Boolean> updates = subscribe(ui, feed, executor, relevant, () -> reload.accept(ui));
            Registration[] detach = new Registration[1];
            detach[0] = component.addDetachListener(gone -> {
                updates.close();
                detach[0].remove();
            });
        });
    }
}
