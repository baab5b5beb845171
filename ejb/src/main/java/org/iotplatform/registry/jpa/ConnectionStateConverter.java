package org.iotplatform.registry.jpa;

import jakarta.persistence.Converter;
import org.iotplatform.infrastructure.persistence.TextValueConverter;
import org.iotplatform.registry.ConnectionState;

@Converter
public class ConnectionStateConverter extends TextValueConverter<ConnectionState> {
    public ConnectionStateConverter() {
        super(ConnectionState::value, ConnectionState::of);
    }
}
