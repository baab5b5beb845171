package org.iotplatform.commanding;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Every 10 s, cloud-to-device messages past their time to live become {@code expired}, and those whose
 * publish failed while their device was connected are tried again.
 */
@Singleton
public class MessageExpiry {

    private static final Logger LOG = Logger.getLogger(MessageExpiry.class.getName());

    @Inject
    CloudToDeviceMessages messages;

    @Inject
    UnsentMessages unsent;

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
    void expire() {
        int expired = messages.expire();
        if (expired > 0) {
            LOG.info(() -> expired + " cloud-to-device message(s) expired undelivered");
        }
        if (unsent.size() > 0) {
            int retried = messages.retryUnsent();
            LOG.info(() -> retried + " cloud-to-device message(s) sent again after a failed publish");
        }
    }
}
