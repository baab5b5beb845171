package org.iotplatform.web.ui.alerts;

import static org.iotplatform.web.ui.alerts.AlertsViewTest.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.iotplatform.alerts.AlertView;
import org.iotplatform.operators.Role;
import org.junit.jupiter.api.Test;

class CriticalAlertWatchTest {

    private static List<Long> ids(List<AlertView> alerts) {
        return alerts.stream().map(AlertView::id).toList();
    }

    @Test
    void eachActiveCriticalAlertRaisedSinceTheWatchBeganIsAnnouncedOnce() {
        CriticalAlertWatch watch = new CriticalAlertWatch(null, null, null, null);
        watch.start(Instant.parse("2026-12-01T10:05:00Z")); // the alerts' T + 5 min
        AlertView before = alert(1, "open", "critical", 4);
        AlertView fresh = alert(2, "open", "critical", 6);
        AlertView acknowledged = alert(3, "acknowledged", "critical", 7);
        AlertView cleared = alert(4, "cleared", "critical", 8);
        AlertView major = alert(5, "open", "major", 9);
        assertEquals(List.of(3L, 2L), ids(watch.fresh(List.of(major, cleared, acknowledged, fresh, before))));
        assertEquals(List.of(), ids(watch.fresh(List.of(acknowledged, fresh, before))), "never twice");
        AlertView next = alert(6, "open", "critical", 10);
        assertEquals(List.of(6L), ids(watch.fresh(List.of(next, acknowledged, fresh))));
    }

    @Test
    void theNoticeNamesTheNewestAlertAndHowManyMoreCame() {
        assertEquals(
                "Critical alert: hot on pump-2", CriticalAlertWatch.text(List.of(alert(2, "open", "critical", 0))));
        assertEquals(
                "Critical alert: hot on pump-3 (and 1 more)",
                CriticalAlertWatch.text(List.of(alert(3, "open", "critical", 1), alert(2, "open", "critical", 0))));
    }

    @Test
    void onlyPeopleWhoReadAlertsAreWatchedFor() {
        assertTrue(CriticalAlertWatch.isFor(Optional.of(Role.ADMIN)));
        assertTrue(CriticalAlertWatch.isFor(Optional.of(Role.OPERATOR)));
        assertTrue(CriticalAlertWatch.isFor(Optional.of(Role.VIEWER)));
        assertFalse(CriticalAlertWatch.isFor(Optional.of(Role.GATEWAY)));
        assertFalse(CriticalAlertWatch.isFor(Optional.empty()));
    }
}
