package org.iotplatform.web.ui.alerts;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.server.VaadinServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.iotplatform.alerts.AlertAction;
import org.iotplatform.alerts.AlertChange;
import org.iotplatform.alerts.AlertFeed;
import org.iotplatform.alerts.AlertState;
import org.iotplatform.alerts.AlertView;
import org.iotplatform.alerts.Alerts;
import org.iotplatform.alerts.Severity;
import org.iotplatform.operators.Role;
import org.iotplatform.web.ui.KaribuTest;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.junit.jupiter.api.Test;

public class AlertsViewTest extends KaribuTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    /** The service as the view sees it, with the alerts it holds; records what operators did. */
    private static final class FakeAlerts extends Alerts {
        final List<AlertView> held = new ArrayList<>();
        final List<String> done = new ArrayList<>();

        @Override
        public List<AlertView> list(String deviceId, AlertState state, Severity severity, int limit) {
            return held.stream()
                    .filter(a -> state == null || a.state().equals(state.value()))
                    .filter(a -> severity == null || a.severity().equals(severity.value()))
                    .filter(a -> deviceId == null || a.deviceId().equals(deviceId))
                    .toList();
        }

        @Override
        public AlertView acknowledge(long id, String actor) {
            done.add("ack " + id + " by " + actor);
            return withHistory(alert(id, "acknowledged", "major", 0), actor, "acknowledged");
        }
    }

    public static AlertView alert(long id, String state, String severity, int minutesLater) {
        return new AlertView(
                id,
                "pump-" + id,
                "hot",
                1L,
                severity,
                !state.equals("cleared"),
                state.equals("acknowledged"),
                state,
                3,
                "91.5",
                T.plusSeconds(60L * minutesLater),
                T.plusSeconds(60L * minutesLater),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static AlertView withHistory(AlertView a, String actor, String what) {
        return new AlertView(
                a.id(),
                a.deviceId(),
                a.rule(),
                a.ruleId(),
                a.severity(),
                a.active(),
                a.acknowledged(),
                a.state(),
                a.count(),
                a.lastValue(),
                a.raisedAt(),
                a.lastAt(),
                a.acknowledgedAt(),
                a.acknowledgedBy(),
                a.clearedAt(),
                a.clearedBy(),
                a.assignedTo(),
                List.of(new AlertChange(T, "system", "raised", "91.5"), new AlertChange(T, actor, what, null)),
                List.of(new AlertAction.View(
                        7, "webhook", "POST to https://x", AlertAction.FAILED, 5, "503", null, T)));
    }

    @SuppressWarnings("unchecked")
    private static Grid<AlertAction.View> actionsGrid(AlertsView view) {
        return _get(view, Grid.class, s -> s.withId("alert-actions"));
    }

    private static void signedInAs(Role role) {
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(() -> "olivia");
        request.setUserInRole((principal, name) -> name.equals(role.value()));
    }

    @Test
    void activeMeansOpenAndAcknowledgedOpenFirstThenWorstThenNewest() {
        FakeAlerts alerts = new FakeAlerts();
        alerts.held.addAll(List.of(
                alert(1, "acknowledged", "critical", 0),
                alert(2, "open", "warning", 5),
                alert(3, "open", "critical", 1),
                alert(4, "cleared", "critical", 9),
                alert(5, "open", "critical", 2),
                alert(6, "open", "major", 8)));
        assertEquals(
                List.of(5L, 3L, 6L, 2L, 1L),
                AlertsView.fetch(alerts, StateFilter.ACTIVE, null, null).stream()
                        .map(AlertView::id)
                        .toList());
        assertEquals(
                List.of(4L),
                AlertsView.fetch(alerts, StateFilter.CLEARED, null, null).stream()
                        .map(AlertView::id)
                        .toList());
        assertEquals(6, AlertsView.fetch(alerts, StateFilter.ALL, null, null).size());
        assertEquals(
                List.of(5L, 3L, 1L),
                AlertsView.fetch(alerts, StateFilter.ACTIVE, Severity.CRITICAL, null).stream()
                        .map(AlertView::id)
                        .toList());
    }

    @Test
    void aViewerReadsAnAlertsHistoryButHasNoControls() {
        signedInAs(Role.VIEWER);
        FakeAlerts alerts = new FakeAlerts();
        AlertsView view = new AlertsView(alerts, null, new AlertFeed(), new DashboardExecutor());
        AlertView open = alert(1, "open", "critical", 0);
        view.show(new AlertsView.Snapshot(List.of(open), null, null));
        assertEquals(1, _size(view.grid));
        assertEquals(StateFilter.ACTIVE, view.stateFilter.getValue());
        view.grid.select(_get(view.grid, 0));
        view.show(new AlertsView.Snapshot(List.of(open), 1L, withHistory(open, "system", "raised")));
        assertTrue(_get(view, Span.class, s -> s.withId("alert-assigned"))
                .getText()
                .contains("nobody"));
        _assertNone(view, Button.class, s -> s.withId("alert-ack"));
        _assertNone(view, Button.class, s -> s.withId("alert-comment"));
        assertNull(actionsGrid(view).getColumnByKey("retry"), "no Try again for a viewer");
    }

    @Test
    void anOperatorAcknowledgesTheSelectedAlertAsThemself() {
        signedInAs(Role.OPERATOR);
        FakeAlerts alerts = new FakeAlerts();
        AlertsView view = new AlertsView(alerts, null, new AlertFeed(), new DashboardExecutor());
        AlertView open = alert(1, "open", "major", 0);
        view.show(new AlertsView.Snapshot(List.of(open), null, null));
        view.grid.select(_get(view.grid, 0));
        view.show(new AlertsView.Snapshot(List.of(open), 1L, withHistory(open, "system", "raised")));
        Button ack = _get(view, Button.class, s -> s.withId("alert-ack"));
        assertTrue(ack.isEnabled());
        assertEquals( // a given-up action can be tried again
                "alert-action-retry-7",
                _getCellComponent(actionsGrid(view), 0, "retry").getId().orElse(""));
        _click(ack);
        assertEquals(List.of("ack 1 by olivia"), alerts.done);
        assertFalse(ack.isEnabled(), "acknowledged: nothing more to acknowledge");
        assertEquals(
                "acknowledged",
                _get(view, Span.class, s -> s.withClasses("alert-state-badge"))
                        .getElement()
                        .getAttribute("data-state"));
    }
}
