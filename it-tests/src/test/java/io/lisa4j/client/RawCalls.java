package io.lisa4j.client;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Lets end-to-end tests send what the SDK never would (an opcode the protocol lacks) through a
 * real session, reusing its connection, id matching and status handling.
 */
public final class RawCalls {
    private RawCalls() {}

    /** Sends one request and returns normally only if the server answered status 0. */
    public static void call(Session session, int opcode, int fsid, ByteBuffer body) throws IOException {
        Connection c = session.connection();
        Blocking.await(c, c.submit(new Call<>(opcode, fsid, body, r -> null)));
    }
}
