package org.shangliang.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** docs/api.md names exactly the event types of the catalogue (and so of docs/asyncapi.yaml). */
class ApiGuideEventsTest {

    @Test
    void theApiGuideNamesEveryEventTypeAndNoOther() throws IOException {
        String guide = Files.readString(Path.of("..", "docs", "api.md"), StandardCharsets.UTF_8);
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("`(shangliang\\.[a-z-]+\\.[a-z.-]+\\.v\\d+)`").matcher(guide);
        while (m.find()) {
            named.add(m.group(1));
        }
        Set<String> catalogue = EventCatalogue.all().stream().map(EventType::type).collect(Collectors.toCollection(TreeSet::new));
        assertThat(named).as("event types in docs/api.md").isEqualTo(catalogue);
    }
}
