package org.iotplatform.web.ui.alerts;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.QueryParameters;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.alerts.AlertEvent;
import org.iotplatform.alerts.AlertFeed;
import org.iotplatform.alerts.AlertView;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.alerts.Severity;
import org.iotplatform.operators.Role;
import org.iotplatform.web.ui.components.DashboardExecutor;

/**
 * Tells a signed-in operator, on whatever view, that a critical alert was raised: the critical alerts
 * are read as soon as an alert is raised (pushed) and each active one raised since the watch began is
 * announced once per UI (a reload starts afresh; the Alerts view lists the older ones).
 */
public class CriticalAlertWatch {

    /** For alerts raised on another platform instance: this instance's {@link AlertFeed} pushes its own. */
    static final Duration FALLBACK_POLL = Duration.ofSeconds(30);

    /** Only a raise can bring a new critical alert. */
    static final Predicate<AlertFeed.Notice> RAISED =
            n -> AlertEvent.RAISED.equals(n.change().what());

    static final int READ = 50;
    static final String NOTIFICATION_ID = "critical-alert-notification";
    private static final Logger LOG = Logger.getLogger(CriticalAlertWatch.class.getName());

    private final Alerts alerts;
    private final AlertFeed feed;
    private final DashboardExecutor executor;
    private final Clock clock;
    private final Set<Long> announced = new HashSet<>();
    private Instant since;
    private Notification shown;

    @Inject
    public CriticalAlertWatch(Alerts alerts, AlertFeed feed, DashboardExecutor executor, Clock clock) {
        this.alerts = alerts;
        this.feed = feed;
        this.executor = executor;
        this.clock = clock;
    }

    /** People who read alerts: admins, operators and viewers (not the machine roles). */
    public static boolean isFor(Optional<Role> role) {
        return role.filter(r -> r == Role.ADMIN || r == Role.OPERATOR || r == Role.VIEWER)
                .isPresent();
    }

    /** Watches while {@code host} (the layout around every view) is attached. */
    public void watch(Component host) {
        since = clock.instant();
        executor.refreshWhileAttached(host, FALLBACK_POLL, this::poll);
        AlertUpdates.whileAttached(host, feed, executor, RAISED, this::poll);
    }

    private void poll(UI ui) {
        executor.load(
                ui,
                () -> alerts.list(null, null, Severity.CRITICAL, READ),
                this::announce,
                e -> LOG.log(Level.FINE, "critical alerts not read this time", e));
    }

    /** The alerts in {@code newest} to announce now: active, raised since the watch began, not told yet. */
    List<AlertView> fresh(List<AlertView> newest) {
        List<AlertView> fresh = newest.stream()
                .filter(AlertView::active)
                .filter(a -> Severity.CRITICAL.value().equals(a.severity()))
                .filter(a -> a.raisedAt() != null && !a.raisedAt().isBefore(since))
                .filter(a -> !announced.contains(a.id()))
                .toList();
        fresh.forEach(a -> announced.add(a.id()));
        return fresh;
    }

    void start(Instant at) {
        since = at;
    }

    private void announce(List<AlertView> newest) {
        List<AlertView> fresh = fresh(newest);
        if (!fresh.isEmpty()) {
            show(fresh);
        }
    }

    /** One notification at a time (its id stays unique), naming the newest alert and how many more came. */
    private void show(List<AlertView> fresh) {
        if (shown != null) {
            shown.close();
        }
        Notification n = new Notification();
        n.setId(NOTIFICATION_ID);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.setPosition(Notification.Position.TOP_END);
        n.setDuration(0); // critical: stays until someone reads it
        Span text = new Span(text(fresh));
        text.setId(NOTIFICATION_ID + "-text");
        Button open = new Button("Open alerts", e -> {
            n.close();
            UI.getCurrent()
                    .navigate(AlertsView.class, QueryParameters.of(AlertsView.SEVERITY, Severity.CRITICAL.value()));
        });
        open.setId(NOTIFICATION_ID + "-open");
        open.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_CONTRAST);
        Button close = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> n.close());
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_CONTRAST);
        close.setAriaLabel("Close");
        HorizontalLayout content = new HorizontalLayout(text, open, close);
        content.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        n.add(content);
        n.open();
        shown = n;
    }

    static String text(List<AlertView> fresh) {
        AlertView first = fresh.get(0);
        return "Critical alert: " + first.rule() + " on " + first.deviceId()
                + (fresh.size() > 1 ? " (and " + (fresh.size() - 1) + " more)" : "");
    }
}
