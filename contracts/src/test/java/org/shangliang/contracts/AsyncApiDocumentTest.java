package org.shangliang.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml says exactly what the catalogue says: every stream, event type and payload field. */
class AsyncApiDocumentTest {

    @Test
    void theDocumentInTheRepositoryMatchesTheCatalogue() throws IOException {
        String expected = AsyncApiDocument.render();
        Path kept = Path.of("..", "docs", "asyncapi.yaml");
        String actual = Files.exists(kept) ? Files.readString(kept, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            Path fresh = Path.of("target", "asyncapi.yaml");
            Files.createDirectories(fresh.getParent());
            Files.writeString(fresh, expected, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("docs/asyncapi.yaml is out of date: copy contracts/target/asyncapi.yaml over it")
                .isEqualTo(expected);
        for (EventType<?> type : EventCatalogue.all()) {
            assertThat(actual).contains("name: " + type.type());
        }
    }
}
