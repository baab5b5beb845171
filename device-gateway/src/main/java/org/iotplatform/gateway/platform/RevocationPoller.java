package org.iotplatform.gateway.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.iotplatform.protocol.gateway.Revocations;

/**
 * Polls the platform for revoked devices and hands them on. The first poll only learns the current
 * cursor: connections made before the gateway started were not made here.
 */
public class RevocationPoller {

    private static final Logger LOG = Logger.getLogger(RevocationPoller.class.getName());

    private final PlatformClient platform;
    private final Consumer<List<Revocations.Revoked>> onRevoked;
    private Long cursor;
    private boolean platformDown;
    private ScheduledFuture<?> schedule;

    public RevocationPoller(PlatformClient platform, Consumer<List<Revocations.Revoked>> onRevoked) {
        this.platform = platform;
        this.onRevoked = onRevoked;
    }

    public void start(ScheduledExecutorService timer, Duration every) {
        schedule = timer.scheduleWithFixedDelay(this::poll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void poll() {
        try {
            Revocations batch = platform.revocations(cursor);
            if (cursor != null && !batch.all().isEmpty()) {
                onRevoked.accept(batch.all());
            }
            cursor = batch.cursor();
            if (platformDown) {
                platformDown = false;
                LOG.info("revocations: platform reachable again");
            }
        } catch (PlatformUnavailableException e) {
            if (!platformDown) {
                platformDown = true;
                LOG.warning("revocations: cannot reach the platform, will retry (" + e.getMessage() + ")");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "revocations: unexpected failure", e);
        }
    }
}
