package org.shangliang.contracts;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of the catalogue: a CloudEvents {@code type} such as {@code shangliang.topic.proposed.v1},
 * the stream it is published on and the record that is its data.
 */
public record EventType<T extends IntegrationEvent>(String type, EventStream stream, Class<T> dataClass) {

    private static final Pattern NAME = Pattern.compile("shangliang\\.[a-z]+\\.[a-z]+(-[a-z]+)*\\.v[1-9][0-9]*");

    public EventType {
        Objects.requireNonNull(type);
        Objects.requireNonNull(stream);
        Objects.requireNonNull(dataClass);
        if (!NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("Event type does not follow shangliang.<aggregate>.<event>.v<N>: " + type);
        }
    }

    /** The version number at the end of the type. */
    public int version() {
        return Integer.parseInt(type.substring(type.lastIndexOf(".v") + 2));
    }
}
