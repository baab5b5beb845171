package org.iotplatform.web.ui.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.iotplatform.alerts.AlertChange;
import org.iotplatform.alerts.AlertEvent;
import org.iotplatform.alerts.AlertFeed;
import org.iotplatform.web.ui.KaribuTest;
import org.iotplatform.web.ui.components.DashboardExecutor;
import org.iotplatform.web.ui.components.ThrottledUpdates;
import org.junit.jupiter.api.Test;

class AlertUpdatesTest extends KaribuTest {

    /** The feed with one listener, told what the test says. */
    private static final class OneListenerFeed extends AlertFeed {
        Consumer<List<Notice>> listener;

        @Override
        public Subscription subscribe(Consumer<List<Notice>> l) {
            listener = l;
            return () -> listener = null;
        }

        void tell(String what) {
            listener.accept(List.of(
                    new Notice(7, new AlertChange(Instant.parse("2026-12-01T10:00:00Z"), "system", what, null))));
        }
    }

    /** Runs what is scheduled at once, on the test's thread: no waiting in tests. */
    private static final class AtOnce extends DashboardExecutor {
        @Override
        public Runnable contextual(Runnable task) {
            return task;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
            task.run();
            return null;
        }
    }

    private final OneListenerFeed feed = new OneListenerFeed();
    private final AtomicInteger reloads = new AtomicInteger();

    @Test
    void aRaiseOrAClearReloadsTheActiveAlertsAndACommentDoesNot() {
        AlertUpdates.subscribe(
                UI.getCurrent(), feed, new AtOnce(), AlertUpdates.ACTIVE_CHANGED, reloads::incrementAndGet);

        feed.tell(AlertEvent.COMMENTED);
        feed.tell(AlertEvent.ACKNOWLEDGED);
        MockVaadin.clientRoundtrip();
        assertEquals(0, reloads.get());

        feed.tell(AlertEvent.RAISED);
        MockVaadin.clientRoundtrip();
        assertEquals(1, reloads.get());

        feed.tell(AlertEvent.CLEARED);
        MockVaadin.clientRoundtrip();
        assertEquals(2, reloads.get());
    }

    @Test
    void closedItHearsNoMore() {
        ThrottledUpdates<Boolean> updates =
                AlertUpdates.subscribe(UI.getCurrent(), feed, new AtOnce(), AlertUpdates.ANY, reloads::incrementAndGet);
        feed.tell(AlertEvent.COMMENTED);
        MockVaadin.clientRoundtrip();
        assertEquals(1, reloads.get());

        updates.close();

        assertNull(feed.listener, "unsubscribed");
    }
}
