package org.iotplatform.operators;

/**
 * A clear-text password on its way to being hashed. Never printed: {@link #toString()} hides it.
 */
public record Password(String value) {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    public Password {
        if (value == null || value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new InvalidAccountException(
                    "password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
    }

    @Override
    public String toString() {
        return "Password[hidden]";
    }
}
