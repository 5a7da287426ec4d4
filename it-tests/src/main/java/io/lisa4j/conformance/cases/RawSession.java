package io.lisa4j.conformance.cases;

import io.lisa4j.client.ConformanceCalls;
import io.lisa4j.client.Session;
import io.lisa4j.conformance.run.Check;
import io.lisa4j.protocol.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Hand-built requests through an SDK session, for what the SDK would never send. */
final class RawSession {
    private RawSession() {}

    static void expect(Session session, int opcode, int fsid, ByteBuffer body, Errno expected, String what)
            throws IOException {
        Check.eq(what + " status", expected.number(), ConformanceCalls.status(session, opcode, fsid, body));
    }
}
