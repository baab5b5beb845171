package org.iotplatform.registry.jpa;

import jakarta.persistence.Converter;
import org.iotplatform.infrastructure.persistence.TextValueConverter;
import org.iotplatform.registry.DeviceStatus;

@Converter
public class DeviceStatusConverter extends TextValueConverter<DeviceStatus> {
    public DeviceStatusConverter() {
        super(DeviceStatus::value, DeviceStatus::of);
    }
}
