package org.newsletter.lists;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.Optional;

/** Whether a list asks readers to confirm by mail ({@code double}) or takes them at once ({@code single}). */
public enum OptInMode {
    DOUBLE("double"), SINGLE("single");

    private final String code;

    OptInMode(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static Optional<OptInMode> fromCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }

    @JsonCreator
    static OptInMode json(String code) {
        return fromCode(code).orElseThrow(() -> new IllegalArgumentException("optIn must be 'double' or 'single'"));
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<OptInMode, String> {
        @Override
        public String convertToDatabaseColumn(OptInMode mode) {
            return mode == null ? null : mode.code;
        }

        @Override
        public OptInMode convertToEntityAttribute(String code) {
            return code == null ? null : fromCode(code).orElseThrow();
        }
    }
}
