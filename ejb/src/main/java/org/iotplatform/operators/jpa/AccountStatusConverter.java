package org.iotplatform.operators.jpa;

import jakarta.persistence.Converter;
import org.iotplatform.infrastructure.persistence.TextValueConverter;
import org.iotplatform.operators.AccountStatus;

@Converter
public class AccountStatusConverter extends TextValueConverter<AccountStatus> {
    public AccountStatusConverter() {
        super(AccountStatus::value, AccountStatus::of);
    }
}
