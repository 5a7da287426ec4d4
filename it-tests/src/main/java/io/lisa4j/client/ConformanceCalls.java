package io.lisa4j.client;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Lets the conformance suite send a hand-built request (a handle under another fsid, say) through
 * an SDK session, reusing its connection and id matching, and read back only the status.
 */
public final class ConformanceCalls {
    private ConformanceCalls() {}

    /** The reply's status: 0, an errno, or STATUS_STOPPED. */
    public static int status(Session session, int opcode, int fsid, ByteBuffer body) throws IOException {
        Connection c = session.connection();
        try {
            Blocking.await(c, c.submit(new Call<>(opcode, fsid, body, r -> null)));
            return 0;
        } catch (ErrnoException e) {
            return e.errno();
        } catch (StoppedException e) {
            return ProtocolConstants.STATUS_STOPPED;
        }
    }
}
