package org.iotplatform.operators;

import java.util.Objects;
import java.util.regex.Pattern;

/** An operator's login name: 3-64 characters of letters, digits, {@code . _ @ -}. */
public record Username(String value) {

    /** What a username may look like (to check text before making one). */
    public static final Pattern VALID_TEXT = Pattern.compile("[A-Za-z0-9._@-]{3,64}");

    public Username {
        Objects.requireNonNull(value, "username");
        if (!VALID_TEXT.matcher(value).matches()) {
            throw new InvalidAccountException(
                    "username must be 3-64 characters of letters, digits, '.', '_', '@' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
