package org.iotplatform.infrastructure.persistence;

import jakarta.persistence.AttributeConverter;
import java.util.function.Function;

/** Stores a value object as its text form; subclasses only name the two directions. */
public abstract class TextValueConverter<T> implements AttributeConverter<T, String> {

    private final Function<T, String> toText;
    private final Function<String, T> fromText;

    protected TextValueConverter(Function<T, String> toText, Function<String, T> fromText) {
        this.toText = toText;
        this.fromText = fromText;
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        return value == null ? null : toText.apply(value);
    }

    @Override
    public T convertToEntityAttribute(String text) {
        return text == null ? null : fromText.apply(text);
    }
}
