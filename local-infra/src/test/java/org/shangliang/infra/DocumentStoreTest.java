package org.shangliang.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentStoreTest {

    @TempDir
    Path dir;

    @Test
    void persistentStoreKeepsDocumentsAcrossARestart() {
        int port = Ports.free();
        Path file = dir.resolve("store.mv");
        try (DocumentStore store = DocumentStore.persistent(file, port).start();
             var client = MongoClients.create(store.uri("topics"))) {
            client.getDatabase("topics").getCollection("topics")
                    .insertOne(new Document("_id", "t1").append("title", "31号楼3单元加装电梯"));
        }
        try (DocumentStore store = DocumentStore.persistent(file, port).start();
             var client = MongoClients.create(store.uri("topics"))) {
            Document found = client.getDatabase("topics").getCollection("topics").find().first();
            assertThat(found).isNotNull();
            assertThat(found.getString("title")).isEqualTo("31号楼3单元加装电梯");
        }
    }
}
