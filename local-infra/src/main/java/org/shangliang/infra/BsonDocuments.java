package org.shangliang.infra;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the H2 store writes a collection's documents into its file: as BSON, with mongo-java-server's own wire
 * encoder, behind a tag byte that H2's {@link ObjectDataType} never writes. H2's default type Java-serialised each
 * document (a new object stream per document, class descriptors and all): writing 50,000 electors and reading a
 * 50,000-flat roll spent most of their time there. The documents are the ones the store received and answers over
 * the wire, so every value they hold has a BSON type and comes back as the same Java type.
 *
 * <p>Files written before are still read: a value without the tag is read by {@link ObjectDataType} as it was
 * written, and is written as BSON the next time its page is written. A document BSON cannot hold (none should
 * reach the store) is written the old way rather than lost.
 */
final class BsonDocuments extends BasicDataType<Object> {

    /** Not a tag of {@link ObjectDataType} (its tags are 0 to 119). */
    static final byte BSON = (byte) 0xB5;

    /** How often a document being updated in place is encoded again before writing gives up. */
    private static final int MAX_ATTEMPTS = 10_000;

    private final ObjectDataType older = new ObjectDataType();

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (value instanceof Document document) {
            ByteBuf bson = encodedWhileChanging(document);
            if (bson != null) {
                try {
                    buffer.put(BSON);
                    buffer.put(bson.nioBuffer());
                } finally {
                    bson.release();
                }
                return;
            }
        }
        older.write(buffer, value);
    }

    /**
     * The document as BSON, or null when BSON cannot hold it. mongo-java-server updates a stored document in place
     * (its fields removed and put again, then the document put into the map again), while H2 may be writing the
     * page that holds it: encoding then meets a {@link ConcurrentModificationException}, and an exception while
     * writing makes H2 close the store. Encoding is tried again until it reads the document whole (an update takes
     * microseconds); the document's newest state is written with its next commit either way, as it is put again.
     */
    private static ByteBuf encodedWhileChanging(Document document) {
        for (int attempt = 1; ; attempt++) {
            ByteBuf bson = Unpooled.buffer(256);
            try {
                BsonEncoder.encodeDocument(document, bson);
                return bson;
            } catch (IllegalArgumentException notBson) {
                bson.release();
                return null;
            } catch (ConcurrentModificationException | NullPointerException | IndexOutOfBoundsException changing) {
                bson.release();
                if (attempt == MAX_ATTEMPTS) {
                    throw changing;
                }
                Thread.yield();
            }
        }
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON) {
            return older.read(buffer);
        }
        buffer.get();
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice());
        Document document = BsonDecoder.decodeBson(bson);
        buffer.position(buffer.position() + bson.readerIndex());
        return document;
    }

    /** What a document takes in the page cache, estimated from its shape (H2 sizes its cache by these). */
    @Override
    public int getMemory(Object value) {
        return value instanceof Map<?, ?> ? estimate(value) : older.getMemory(value);
    }

    private static int estimate(Object value) {
        if (value instanceof Map<?, ?> map) {
            int size = 64;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 48 + 2 * String.valueOf(entry.getKey()).length() + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> list) {
            int size = 32;
            for (Object element : list) {
                size += 8 + estimate(element);
            }
            return size;
        }
        if (value instanceof String text) {
            return 48 + 2 * text.length();
        }
        return 24;
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
