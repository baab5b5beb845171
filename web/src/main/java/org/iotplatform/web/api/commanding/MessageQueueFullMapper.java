package org.iotplatform.web.api.commanding;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.commanding.MessageQueueFullException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 429 queue-full}: the device has the most cloud-to-device messages waiting. */
@Provider
public class MessageQueueFullMapper extends ErrorMapper<MessageQueueFullException> {

    public MessageQueueFullMapper() {
        super(429, "queue-full");
    }
}
