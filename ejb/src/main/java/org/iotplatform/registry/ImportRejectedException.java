package org.iotplatform.registry;

import jakarta.ejb.ApplicationException;
import java.util.List;

/** An import file with at least one bad line: nothing from it was stored. */
@ApplicationException(rollback = true)
public class ImportRejectedException extends RuntimeException {

    private final transient List<DeviceImport.LineError> errors;

    public ImportRejectedException(List<DeviceImport.LineError> errors) {
        super(errors.size() + " line(s) rejected; nothing imported");
        this.errors = List.copyOf(errors);
    }

    public List<DeviceImport.LineError> errors() {
        return errors;
    }
}
