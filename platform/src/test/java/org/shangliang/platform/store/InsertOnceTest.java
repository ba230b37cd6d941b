package org.shangliang.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.shangliang.infra.TestInfrastructure;

/**
 * Many documents with telling ids written in batches, several in flight at once, against the real
 * (wire-compatible) store: each written once, a retry after a write that stopped half-way leaves what
 * is there as it is, and a refusal that is not "there already" is thrown.
 */
class InsertOnceTest {

    private static MongoClient client;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.store().uri("insert-once-test"));
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    private static MongoCollection<Document> freshCollection() {
        return client.getDatabase("insert-once-test").getCollection("electors-" + UUID.randomUUID());
    }

    /** The electors of a ballot on 越江新村's estate, one per holder. */
    private static List<Document> electorsOf(String ballotId, int holders) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < holders; i++) {
            documents.add(new Document("_id", ballotId + ":业主" + i).append("ballotId", ballotId)
                    .append("holder", "业主" + i).append("areaCents", 6_000 + i % 3_000));
        }
        return documents;
    }

    @Test
    void everyBatchIsWrittenOnceWithSeveralInFlight() {
        MongoCollection<Document> collection = freshCollection();
        List<Document> documents = electorsOf("ballot-31", 3_500);

        assertThat(InsertOnce.all(collection, documents, 3)).isEqualTo(3_500);

        assertThat(collection.countDocuments()).isEqualTo(3_500);
        assertThat(collection.find(Filters.eq("_id", "ballot-31:业主3499")).first()).isNotNull();
    }

    @Test
    void aRetryAfterAWriteThatStoppedHalfWayWritesOnlyWhatIsMissing() {
        MongoCollection<Document> collection = freshCollection();
        List<Document> documents = electorsOf("ballot-31", 4_200);
        List<Document> writtenBefore = new ArrayList<>();
        for (Document d : documents.subList(0, 1_700)) {
            writtenBefore.add(new Document(d).append("writtenBefore", true));
        }
        InsertOnce.all(collection, writtenBefore);

        // (how many were new is not asserted: the local store answers a refused insert's n with every document sent,
        // where MongoDB counts those inserted)
        InsertOnce.all(collection, documents, 2);

        assertThat(collection.countDocuments()).isEqualTo(4_200);
        assertThat(collection.countDocuments(Filters.eq("writtenBefore", true))).as("those there left as they were")
                .isEqualTo(1_700);
    }

    @Test
    void aRefusalOtherThanThereAlreadyIsThrownAndNoFurtherBatchIsStarted() {
        MongoCollection<Document> collection = freshCollection();
        List<Document> documents = electorsOf("ballot-31", 20_000);
        // the second batch holds a document no store takes: an array cannot be an _id
        documents.set(1_500, new Document("_id", List.of("31", "3", "501")).append("ballotId", "ballot-31"));

        assertThatThrownBy(() -> InsertOnce.all(collection, documents, 2)).isInstanceOf(RuntimeException.class);

        assertThat(collection.countDocuments()).as("the batches after the refusal are not written")
                .isLessThan(19_999);
    }
}
