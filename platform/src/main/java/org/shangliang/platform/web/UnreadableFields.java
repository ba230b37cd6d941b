package org.shangliang.platform.web;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says what is wrong with a value that could not be read into its field, in the caller's language:
 * a value outside an enumeration (with the values allowed), a time not in ISO-8601 with an offset, a
 * number, a yes/no, a list or an object of the wrong shape. Never the framework's own text.
 */
final class UnreadableFields {

    private final Problems problems;

    UnreadableFields(Problems problems) {
        this.problems = problems;
    }

    /** The field's path as a client writes it: {@code outcomes[0].ballot.closesAt}. */
    static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    FieldError of(MismatchedInputException e, Locale locale) {
        Object value = e instanceof InvalidFormatException invalid ? invalid.getValue() : null;
        return of(path(e.getPath()), value, e.getTargetType(), locale);
    }

    /** A value that does not fit the field's type; {@code value} null when the JSON had another shape. */
    FieldError of(String field, Object value, Class<?> type, Locale locale) {
        String shown = value == null ? null : String.valueOf(value);
        if (type != null && type.isEnum()) {
            List<String> allowed = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
            String list = String.join(locale.getLanguage().equals("en") ? ", " : "、", allowed);
            return new FieldError(field, shown == null
                    ? problems.message("problem.field.enum-shape", locale, list)
                    : problems.message("problem.field.enum", locale, shown, list), shown, allowed);
        }
        String kind = kind(type);
        String key = shown == null ? "problem.field.shape" : "problem.field." + kind;
        String message = problems.message(key, locale, shown == null ? problems.message("problem.kind." + kind, locale) : shown);
        return new FieldError(field, message, shown, null);
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Temporal.class.isAssignableFrom(type) || Date.class.isAssignableFrom(type)) {
            return "time";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "list";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "text";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.isPrimitive()) {
            return "object";
        }
        return "value";
    }
}
