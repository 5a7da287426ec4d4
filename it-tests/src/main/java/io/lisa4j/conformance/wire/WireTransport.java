package io.lisa4j.conformance.wire;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The byte stream under {@link WireClient}: a plain socket, or TLS over TCP. */
interface WireTransport extends Closeable {
    /** Writes all of {@code buf}; false when the peer took nothing for {@code guardMillis} (a hang guard). */
    boolean write(ByteBuffer buf, long guardMillis) throws IOException;

    /** Reads what is there into {@code buf}: the count, -1 at end of stream, 0 when nothing came for {@code guardMillis}. */
    int read(ByteBuffer buf, long guardMillis) throws IOException;
}
