package org.iotplatform.web.api.commanding;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.twin.TwinConflictException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 412 precondition-failed}: the twin changed since the ETag in {@code If-Match} was read. */
@Provider
public class TwinConflictMapper extends ErrorMapper<TwinConflictException> {

    public TwinConflictMapper() {
        super(412, "precondition-failed");
    }
}
