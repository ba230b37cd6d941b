package org.shangliang.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What every value of the API's enums is called, in Chinese and in English: {@code shangliang/labels.properties}
 * and {@code labels_en.properties} of this module. The gateway serves them ({@code GET /api/labels});
 * the pages show them. Keys are {@code group.VALUE}, for example {@code status.PROPOSED} or
 * {@code choice.FOR}; a few carry a placeholder ({@code place.building={0}号楼}).
 */
public final class Labels {

    /** The languages, the first is the default. */
    public static final List<String> LANGUAGES = List.of("zh-CN", "en");

    private static final Map<String, Map<String, String>> BY_LANGUAGE = load();

    private Labels() {
    }

    /** Every label as group → value → language → text, sorted. */
    public static Map<String, Map<String, Map<String, String>>> all() {
        Map<String, Map<String, Map<String, String>>> groups = new TreeMap<>();
        BY_LANGUAGE.forEach((language, labels) -> labels.forEach((key, text) -> {
            int dot = key.lastIndexOf('.');
            groups.computeIfAbsent(key.substring(0, dot), g -> new TreeMap<>())
                    .computeIfAbsent(key.substring(dot + 1), v -> new TreeMap<>()).put(language, text);
        }));
        return Collections.unmodifiableMap(groups);
    }

    /** The language of these labels a locale asks for: {@code en} for English, else {@code zh-CN}. */
    public static String languageOf(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? "en" : LANGUAGES.get(0);
    }

    /** The label of {@code group.value} in a language, or null. */
    public static String of(String group, String value, String language) {
        return BY_LANGUAGE.getOrDefault(language, Map.of()).get(group + "." + value);
    }

    /** The values of an enum that lack a label in some language ({@code "PROPOSED en"}): empty when all have both. */
    public static List<String> missing(String group, Enum<?>[] values) {
        List<String> missing = new ArrayList<>();
        for (Enum<?> value : values) {
            for (String language : LANGUAGES) {
                String text = of(group, value.name(), language);
                if (text == null || text.isBlank()) {
                    missing.add(value.name() + " " + language);
                }
            }
        }
        return missing;
    }

    private static Map<String, Map<String, String>> load() {
        Map<String, Map<String, String>> byLanguage = new TreeMap<>();
        byLanguage.put("zh-CN", read("shangliang/labels.properties"));
        byLanguage.put("en", read("shangliang/labels_en.properties"));
        return Collections.unmodifiableMap(byLanguage);
    }

    private static Map<String, String> read(String resource) {
        try (InputStream in = Labels.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> labels = new TreeMap<>();
            properties.stringPropertyNames().forEach(k -> labels.put(k, properties.getProperty(k)));
            return Collections.unmodifiableMap(labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
