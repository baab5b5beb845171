package org.iotplatform.gateway.broker;

import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.RoutingContext;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;

/**
 * Keeps direct-method requests and answers out of the broker's journal. A method call lives only as
 * long as its caller waits (IoT Hub queues none), and every platform instance forgets its pending
 * calls when it restarts, so a request or answer kept across a broker restart would reach nobody.
 * Written to disk, each call cost two journal records, their deletion and periodic compaction of the
 * journal files: at hundreds of calls a second that was half of the gateway's CPU and second-long
 * pauses for every client. Cloud-to-device messages, telemetry and twin traffic stay durable.
 *
 * <p>Matches the broker addresses of {@code $iothub/<id>/methods/POST/<name>/} (requests, from the
 * back end) and {@code $iothub/<id>/methods/res/<status>/} (answers, from devices).
 */
public class TransientMethodCalls implements ActiveMQServerMessagePlugin {

    private static final String PREFIX = "$iothub.";

    @Override
    public void beforeMessageRoute(Message message, RoutingContext context, boolean direct, boolean rejectDuplicates) {
        if (message.isDurable() && isMethodCall(message.getAddress())) {
            message.setDurable(false);
        }
    }

    /** The broker form of a method topic ({@code /} becomes {@code .}). */
    static boolean isMethodCall(String address) {
        return address != null
                && address.startsWith(PREFIX)
                && (address.contains(".methods.POST.") || address.contains(".methods.res."));
    }
}
