package org.iotplatform.operators.jpa;

import jakarta.persistence.Converter;
import org.iotplatform.infrastructure.persistence.TextValueConverter;
import org.iotplatform.operators.Role;

@Converter
public class RoleConverter extends TextValueConverter<Role> {
    public RoleConverter() {
        super(Role::value, Role::of);
    }
}
