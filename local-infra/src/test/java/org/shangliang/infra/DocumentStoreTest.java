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

    /**
     * Queries that fix {@code _id} beside other conditions go through the {@code _id} index ({@link UniqueKeyLookup}) and
     * still answer exactly what MongoDB answers: an optimistic save against a stale version changes nothing, an
     * upsert whose condition fails on an existing id is a duplicate key, {@code $in} with a condition filters.
     */
    @Test
    void queriesFixingAnIdBesideOtherConditionsAnswerAsMongoDbDoes() {
        int port = Ports.free();
        for (DocumentStore store : java.util.List.of(DocumentStore.inMemory(port), DocumentStore.persistent(dir.resolve("ids.mv"), Ports.free()))) {
            try (store; var client = MongoClients.create(store.start().uri("topics"))) {
                var supports = client.getDatabase("topics").getCollection("supports");
                for (int i = 0; i < 50; i++) {
                    supports.insertOne(new Document("_id", "t31:r" + i).append("supported", i % 2 == 0).append("seq", 5L).append("version", 1L));
                }
                var stale = supports.updateOne(new Document("_id", "t31:r2").append("version", 0L),
                        new Document("$set", new Document("supported", false)));
                assertThat(stale.getMatchedCount()).isZero();
                var current = supports.updateOne(new Document("_id", "t31:r2").append("version", 1L),
                        new Document("$set", new Document("supported", false)).append("$inc", new Document("version", 1L)));
                assertThat(current.getModifiedCount()).isEqualTo(1);

                var found = new java.util.ArrayList<String>();
                supports.find(new Document("_id", new Document("$in", java.util.List.of("t31:r2", "t31:r3", "t31:r4", "t31:none")))
                        .append("supported", true)).forEach(d -> found.add(d.getString("_id")));
                assertThat(found).containsExactly("t31:r4");

                org.assertj.core.api.Assertions.assertThatThrownBy(() -> supports.updateOne(
                                new Document("_id", "t31:r4").append("seq", new Document("$lt", 3L)),
                                new Document("$set", new Document("seq", 3L)), new com.mongodb.client.model.UpdateOptions().upsert(true)))
                        .as("an older change does not replace a newer one").isInstanceOf(com.mongodb.MongoWriteException.class);
                assertThat(supports.find(new Document("_id", "t31:r4")).first().getLong("seq")).isEqualTo(5L);
                supports.updateOne(new Document("_id", "t31:new").append("seq", new Document("$lt", 3L)),
                        new Document("$set", new Document("seq", 3L)), new com.mongodb.client.model.UpdateOptions().upsert(true));
                assertThat(supports.countDocuments()).isEqualTo(51);
            }
        }
    }

    /** A query fixing every key of a unique compound index (an owner's elector of a ballot) beside other conditions. */
    @Test
    void queriesFixingTheKeysOfAUniqueIndexBesideOtherConditionsAnswerAsMongoDbDoes() {
        try (DocumentStore store = DocumentStore.inMemory(Ports.free()).start(); var client = MongoClients.create(store.uri("votes"))) {
            var electors = client.getDatabase("votes").getCollection("electors");
            electors.createIndex(new Document("ballotId", 1).append("ownerId", 1), new com.mongodb.client.model.IndexOptions().unique(true));
            for (int i = 0; i < 200; i++) {
                electors.insertOne(new Document("_id", "b1/holder-" + i).append("ballotId", i < 100 ? "b1" : "b2")
                        .append("ownerId", "owner-" + (i % 100)).append("choice", i == 7 ? "FOR" : null).append("sealed", false));
            }
            var open = new Document("ballotId", "b1").append("ownerId", "owner-3").append("choice", null).append("sealed", false);
            assertThat(electors.find(open).first().getString("_id")).isEqualTo("b1/holder-3");
            var voted = electors.findOneAndUpdate(open, new Document("$set", new Document("choice", "AGAINST")));
            assertThat(voted).isNotNull();
            assertThat(electors.findOneAndUpdate(open, new Document("$set", new Document("choice", "FOR"))))
                    .as("voted already: the condition no longer holds").isNull();
            assertThat(electors.find(new Document("ballotId", "b1").append("ownerId", "owner-7").append("choice", null)).first())
                    .isNull();
            assertThat(electors.find(new Document("ballotId", "b2").append("ownerId", "owner-3")).first().getString("_id"))
                    .isEqualTo("b1/holder-103");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> electors.insertOne(new Document("_id", "dup")
                    .append("ballotId", "b1").append("ownerId", "owner-3"))).isInstanceOf(com.mongodb.MongoWriteException.class);

            // one owner's electors in a page of ballots: a list of ballots, one owner, and a further condition
            var mine = new java.util.ArrayList<String>();
            electors.find(new Document("ballotId", new Document("$in", java.util.List.of("b1", "b2", "b9")))
                    .append("ownerId", "owner-7")).forEach(d -> mine.add(d.getString("_id")));
            assertThat(mine).containsExactlyInAnyOrder("b1/holder-7", "b1/holder-107");
            var votedInAny = new java.util.ArrayList<String>();
            electors.find(new Document("ballotId", new Document("$in", java.util.List.of("b1", "b2")))
                    .append("ownerId", new Document("$in", java.util.List.of("owner-3", "owner-7", "owner-8")))
                    .append("choice", new Document("$ne", null))).forEach(d -> votedInAny.add(d.getString("_id")));
            assertThat(votedInAny).containsExactlyInAnyOrder("b1/holder-3", "b1/holder-7");
            assertThat(electors.countDocuments(new Document("ballotId", new Document("$in", java.util.List.of()))
                    .append("ownerId", "owner-7"))).as("no ballots, no electors").isZero();
        }
    }
    /**
     * The H2 store keeps its unique indexes in memory ({@link KeysInMemory}) and rebuilds them from the documents when
     * it opens: after a restart an id or a unique compound key is still refused twice, lookups through the index find
     * the documents, and a key whose document was removed before the restart is free again.
     */
    @Test
    void uniqueIndexesOfThePersistentStoreHoldAcrossARestart() {
        Path file = dir.resolve("electors.mv");
        try (DocumentStore store = DocumentStore.persistent(file, Ports.free()).start();
             var client = MongoClients.create(store.uri("votes"))) {
            var electors = client.getDatabase("votes").getCollection("electors");
            electors.createIndex(new Document("ballotId", 1).append("ownerId", 1), new com.mongodb.client.model.IndexOptions().unique(true));
            for (int i = 0; i < 300; i++) {
                electors.insertOne(new Document("_id", "b1/holder-" + i).append("ballotId", "b1").append("ownerId", "owner-" + i)
                        .append("choice", null).append("sealed", false));
            }
            electors.deleteOne(new Document("_id", "b1/holder-299"));
        }
        try (DocumentStore store = DocumentStore.persistent(file, Ports.free()).start();
             var client = MongoClients.create(store.uri("votes"))) {
            var electors = client.getDatabase("votes").getCollection("electors");
            var open = new Document("ballotId", "b1").append("ownerId", "owner-42").append("choice", null).append("sealed", false);
            assertThat(electors.findOneAndUpdate(open, new Document("$set", new Document("choice", "FOR")))).isNotNull();
            assertThat(electors.findOneAndUpdate(open, new Document("$set", new Document("choice", "AGAINST"))))
                    .as("voted already").isNull();
            assertThat(electors.find(new Document("_id", "b1/holder-42")).first().getString("choice")).isEqualTo("FOR");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> electors.insertOne(new Document("_id", "b1/holder-7")))
                    .as("the same id again").isInstanceOf(com.mongodb.MongoWriteException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> electors.insertOne(new Document("_id", "other")
                    .append("ballotId", "b1").append("ownerId", "owner-7")))
                    .as("the same unique compound key again").isInstanceOf(com.mongodb.MongoWriteException.class);
            electors.insertOne(new Document("_id", "b1/holder-299").append("ballotId", "b1").append("ownerId", "owner-299"));
            assertThat(electors.countDocuments()).isEqualTo(300);
        }
    }

    /**
     * The H2 store writes documents as BSON ({@link BsonDocuments}): after a restart every kind of value a service
     * stores comes back as it went in, Chinese text, numbers of each width, dates, nested documents and lists,
     * ids, UUIDs, decimals, bytes and nulls.
     */
    @Test
    void documentsOfEveryKindComeBackAsTheyWentInAfterARestart() {
        Path file = dir.resolve("kinds.mv");
        Document elector = new Document("_id", "b31/holder-3-502").append("ownerName", "王建国")
                .append("flats", java.util.List.of("越江新村/31号楼/3单元/502", "越江新村/31号楼/3单元/车位12"))
                .append("areaCents", 8_750L).append("round", 2).append("share", 0.375).append("sealed", false)
                .append("choice", null).append("votedAt", java.util.Date.from(java.time.Instant.parse("2026-12-07T08:30:00.123Z")))
                .append("contest", new Document("reason", "我没有投过这一票").append("at", java.util.Date.from(java.time.Instant.EPOCH)))
                .append("eventId", java.util.UUID.fromString("3f8a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b"))
                .append("ref", new org.bson.types.ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("budget", new org.bson.types.Decimal128(new java.math.BigDecimal("128000.50")))
                .append("photo", new org.bson.types.Binary(new byte[] {1, 2, 3, (byte) 0xB5}))
                .append("shares", java.util.List.of(8_750L, 1_200L));
        var settings = com.mongodb.MongoClientSettings.builder().uuidRepresentation(org.bson.UuidRepresentation.STANDARD);
        try (DocumentStore store = DocumentStore.persistent(file, Ports.free()).start();
             var client = MongoClients.create(settings.applyConnectionString(
                     new com.mongodb.ConnectionString(store.uri("votes"))).build())) {
            client.getDatabase("votes").getCollection("electors").insertOne(elector);
        }
        try (DocumentStore store = DocumentStore.persistent(file, Ports.free()).start();
             var client = MongoClients.create(settings.applyConnectionString(
                     new com.mongodb.ConnectionString(store.uri("votes"))).build())) {
            assertThat(client.getDatabase("votes").getCollection("electors").find().first()).isEqualTo(elector);
        }
    }

    /**
     * A store file written before documents were BSON (mongo-java-server's own H2 backend, Java-serialised values)
     * opens as it was: its documents are read, changed and kept across another restart.
     */
    @Test
    void aStoreFileWrittenTheOlderWayIsStillReadAndKept() {
        Path file = dir.resolve("older.mv");
        int port = Ports.free();
        var older = new de.bwaldvogel.mongo.MongoServer(new de.bwaldvogel.mongo.backend.h2.H2Backend(file.toString()));
        older.bind(new java.net.InetSocketAddress(Ports.LOOPBACK, port));
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            var topics = client.getDatabase("topics").getCollection("topics");
            for (int i = 1; i <= 40; i++) {
                topics.insertOne(new Document("_id", "t" + i).append("title", i + "号楼加装电梯").append("supporters", i));
            }
        } finally {
            older.shutdownNow();
        }
        try (DocumentStore store = DocumentStore.persistent(file, Ports.free()).start();
             var client = MongoClients.create(store.uri("topics"))) {
            var topics = client.getDatabase("topics").getCollection("topics");
            assertThat(topics.countDocuments()).isEqualTo(40);
            assertThat(topics.find(new Document("_id", "t31")).first().getString("title")).isEqualTo("31号楼加装电梯");
            topics.updateOne(new Document("_id", "t31"), new Document("$inc", new Document("supporters", 1)));
            topics.insertOne(new Document("_id", "t41").append("title", "充电棚").append("supporters", 0));
        }
        try (DocumentStore store = DocumentStore.persistent(file, Ports.free()).start();
             var client = MongoClients.create(store.uri("topics"))) {
            var topics = client.getDatabase("topics").getCollection("topics");
            assertThat(topics.countDocuments()).isEqualTo(41);
            assertThat(topics.find(new Document("_id", "t31")).first().getInteger("supporters")).isEqualTo(32);
            assertThat(topics.find(new Document("_id", "t7")).first().getString("title")).isEqualTo("7号楼加装电梯");
            assertThat(topics.find(new Document("_id", "t41")).first().getString("title")).isEqualTo("充电棚");
        }
    }
}
