package org.iotplatform.web.api.maintenance;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.maintenance.ModelNotFoundException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 404 not-found}: no such model, no trained version, or no data of the device. */
@Provider
public class ModelNotFoundMapper extends ErrorMapper<ModelNotFoundException> {

    public ModelNotFoundMapper() {
        super(404, "not-found");
    }
}
