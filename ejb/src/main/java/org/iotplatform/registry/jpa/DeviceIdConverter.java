package org.iotplatform.registry.jpa;

import jakarta.persistence.Converter;
import org.iotplatform.infrastructure.persistence.TextValueConverter;
import org.iotplatform.registry.DeviceId;

@Converter
public class DeviceIdConverter extends TextValueConverter<DeviceId> {
    public DeviceIdConverter() {
        super(DeviceId::value, DeviceId::new);
    }
}
