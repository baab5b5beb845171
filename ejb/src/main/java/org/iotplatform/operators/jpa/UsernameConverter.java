package org.iotplatform.operators.jpa;

import jakarta.persistence.Converter;
import org.iotplatform.infrastructure.persistence.TextValueConverter;
import org.iotplatform.operators.Username;

@Converter
public class UsernameConverter extends TextValueConverter<Username> {
    public UsernameConverter() {
        super(Username::value, Username::new);
    }
}
