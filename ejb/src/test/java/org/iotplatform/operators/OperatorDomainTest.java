package org.iotplatform.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OperatorDomainTest {

    @Test
    void usernameAcceptsOnlyItsAlphabetAndLength() {
        assertEquals("ops.team-1@site", new Username("ops.team-1@site").value());
        assertThrows(InvalidAccountException.class, () -> new Username("ab"));
        assertThrows(InvalidAccountException.class, () -> new Username("a".repeat(65)));
        assertThrows(InvalidAccountException.class, () -> new Username("bob smith"));
        assertThrows(InvalidAccountException.class, () -> new Username("bob';--"));
    }

    @Test
    void usernamesCompareByValue() {
        assertEquals(new Username("alice"), new Username("alice"));
    }

    @Test
    void rolesParseCaseInsensitivelyAndRejectUnknown() {
        assertEquals(Role.ADMIN, Role.of("Admin"));
        assertEquals("viewer", Role.VIEWER.value());
        assertThrows(InvalidAccountException.class, () -> Role.of("root"));
        assertThrows(InvalidAccountException.class, () -> Role.of(null));
    }

    @Test
    void passwordsNeedTwelveCharactersAndNeverPrint() {
        assertThrows(InvalidAccountException.class, () -> new Password("short"));
        assertThrows(InvalidAccountException.class, () -> new Password(null));
        Password p = new Password("correct horse battery");
        assertFalse(p.toString().contains("horse"));
    }

    @Test
    void disablingAnAccountKeepsItButStopsIt() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        OperatorAccount a = new OperatorAccount(new Username("alice"), "hash", Role.OPERATOR, t0);
        assertTrue(a.isEnabled());
        a.changeStatus(AccountStatus.DISABLED, t0.plusSeconds(5));
        assertFalse(a.isEnabled());
        assertEquals(t0.plusSeconds(5), a.updatedAt());
        assertEquals(t0, a.createdAt());
        assertEquals(AccountStatus.DISABLED, AccountStatus.of("disabled"));
    }
}
