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
}
