package org.iotplatform.web.api.maintenance;

import jakarta.ws.rs.ext.Provider;
import org.iotplatform.maintenance.ModelExistsException;
import org.iotplatform.web.api.ErrorMapper;

/** {@code 409 conflict}: a model of that name exists already. */
@Provider
public class ModelExistsMapper extends ErrorMapper<ModelExistsException> {

    public ModelExistsMapper() {
        super(409, "conflict");
    }
}
