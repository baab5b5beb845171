package org.iotplatform.web.api.devices;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import org.iotplatform.registry.DeviceImport;
import org.iotplatform.registry.ImportRejectedException;

/** {@code 400 import-rejected}: the import file was refused whole, with every bad line and why. */
@Provider
public class ImportRejectedMapper implements ExceptionMapper<ImportRejectedException> {

    /** The answer to an import with bad lines: every error, with its line number. */
    public record ImportErrors(String error, String message, List<DeviceImport.LineError> errors) {}

    @Override
    public Response toResponse(ImportRejectedException e) {
        return Response.status(400)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ImportErrors("import-rejected", e.getMessage(), e.errors()))
                .build();
    }
}
