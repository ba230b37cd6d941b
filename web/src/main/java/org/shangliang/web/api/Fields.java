package org.shangliang.web.api;

import java.io.Serial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object (or a form's values) as the templates read it: a field the answer leaves out reads
 * as null ({@code topic.review}), as the API guide promises for absent parts, instead of failing the
 * page. Spring's expression language reads a map's entry only when {@link #containsKey} says it is
 * there; here every text key is "there", with null when absent.
 */
public final class Fields extends LinkedHashMap<String, Object> {

    @Serial
    private static final long serialVersionUID = 1L;

    public Fields() {
    }

    public Fields(Map<String, ?> values) {
        super(values);
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String || super.containsKey(key);
    }

    /** Whether the field is really present (not only readable as null). */
    public boolean has(String key) {
        return super.containsKey(key) && get(key) != null;
    }

    /** The same tree with every object as {@link Fields}. */
    @SuppressWarnings("unchecked")
    public static Object wrap(Object value) {
        if (value instanceof Map<?, ?> map && !(value instanceof Fields)) {
            Fields fields = new Fields();
            map.forEach((k, v) -> fields.put(String.valueOf(k), wrap(v)));
            return fields;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(wrap(v)));
            return copy;
        }
        return value;
    }

    public static Fields of(Map<String, ?> map) {
        return (Fields) wrap(map == null ? Map.of() : map);
    }
}
