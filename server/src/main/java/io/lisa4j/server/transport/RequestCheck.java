package io.lisa4j.server.transport;

import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.verify.BodyVerifier;
import io.lisa4j.protocol.verify.RequestTypes;
import io.lisa4j.protocol.verify.TableType;

/** Verifies a request body against its opcode's table before anything decodes it (PROTOCOL.md §2.4). */
final class RequestCheck {
    private static final RequestTypes TYPES = RequestTypes.lisa4j();

    private RequestCheck() {}

    /** False for a body that is not a valid table of its opcode's type (the caller answers EBADMSG). */
    static boolean wellFormed(Frame frame) {
        TableType type = TYPES.of(frame.opcode());
        return type == null || frame.bodyLength() == 0 || BodyVerifier.valid(frame.bodyBuffer(), type);
    }
}
