package org.shangliang.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class BsonDocumentsTest {

    private final BsonDocuments type = new BsonDocuments();

    private static Document flat(int n) {
        return new Document("_id", "roll-1/越江新村/31号楼/3单元/" + n).append("ownerName", "李秀英")
                .append("areaCents", 8_750L + n).append("floor", 5).append("votedAt", Instant.parse("2026-12-07T08:30:00Z"))
                .append("flats", List.of("31-3-" + n, new Document("parking", 12)));
    }

    /** Written as BSON behind its tag, several to a page, and read back equal, each where the last one ended. */
    @Test
    void documentsAreWrittenAsBsonAndReadBackEqual() {
        WriteBuffer page = new WriteBuffer();
        type.write(page, flat(501));
        type.write(page, flat(502));
        ByteBuffer written = page.getBuffer().flip();
        assertThat(written.get(0)).isEqualTo(BsonDocuments.BSON);
        assertThat(type.read(written)).isEqualTo(flat(501));
        assertThat(type.read(written)).isEqualTo(flat(502));
        assertThat(written.hasRemaining()).isFalse();
    }

    /** A page written by H2's own type (the store's files before BSON) is still read, mixed with BSON values. */
    @Test
    void valuesWrittenByH2sOwnTypeAreStillRead() {
        WriteBuffer page = new WriteBuffer();
        new ObjectDataType().write(page, flat(501));
        type.write(page, flat(502));
        new ObjectDataType().write(page, 42L);
        ByteBuffer written = page.getBuffer().flip();
        assertThat(type.read(written)).isEqualTo(flat(501));
        assertThat(type.read(written)).isEqualTo(flat(502));
        assertThat(type.read(written)).isEqualTo(42L);
    }

    /**
     * mongo-java-server updates a stored document in place while H2 may be writing it; writing must not fail
     * (an exception there makes H2 close the whole store), and each value written is a whole document.
     */
    @Test
    void aDocumentUpdatedInPlaceWhileItIsWrittenIsStillWrittenWhole() throws Exception {
        Document elector = flat(501);
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread updating = new Thread(() -> {
            for (long i = 0; !stop.get(); i++) {
                // what AbstractMongoCollection.updateDocument does: remove the fields, put them again
                for (String key : List.copyOf(elector.keySet())) {
                    elector.remove(key);
                }
                elector.putAll(flat(501));
                elector.put("choice", i % 2 == 0 ? "FOR" : "AGAINST");
            }
        });
        updating.start();
        try {
            for (int i = 0; i < 20_000; i++) {
                WriteBuffer page = new WriteBuffer();
                type.write(page, elector);
                Object read = type.read(page.getBuffer().flip());
                assertThat(read).isInstanceOf(Document.class);
            }
        } finally {
            stop.set(true);
            updating.join();
        }
    }
}
