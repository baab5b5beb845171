package org.iotplatform.web.api.commanding;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.commanding.MessageNotFoundException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 404 not-found}: the device has no cloud-to-device message with that id. */
@Provider
public class MessageNotFoundMapper extends ErrorMapper<MessageNotFoundException> {

    public MessageNotFoundMapper() {
        super(404, "not-found");
    }
}
