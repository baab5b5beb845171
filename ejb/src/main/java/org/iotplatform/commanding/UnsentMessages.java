package org.iotplatform.commanding;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cloud-to-device messages whose publish failed while their device was connected (the gateway link
 * was down at that moment), by row id: {@link MessageExpiry} tries them again every few seconds, so
 * they do not wait for the device's next reconnect. Kept in memory: after a restart the devices'
 * reconnects deliver what is still enqueued.
 */
@ApplicationScoped
public class UnsentMessages {

    private final Set<Long> ids = ConcurrentHashMap.newKeySet();

    public void add(Long id) {
        if (id != null) {
            ids.add(id);
        }
    }

    /** Takes them all: each is added again if it fails again. */
    public List<Long> takeAll() {
        List<Long> taken = List.copyOf(ids);
        ids.removeAll(taken);
        return taken;
    }

    public int size() {
        return ids.size();
    }
}
