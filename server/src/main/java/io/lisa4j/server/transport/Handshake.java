package io.lisa4j.server.transport;

import io.lisa4j.protocol.message.ReplyBodies;
import io.lisa4j.protocol.value.Negotiated;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.HelloRequest;
import io.lisa4j.server.Limits;
import io.lisa4j.server.dispatch.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Answers HELLO (PROTOCOL.md §3): picks the version, the features and the frame limit. */
final class Handshake {
    /** Feature bits this server implements on any transport: per-request credentials (§3.2). */
    static final long SERVER_FEATURES = ProtocolConstants.FEATURE_CREDENTIALS;
    /** And on a Unix socket: descriptor donation (§3.3), which needs SCM_RIGHTS. */
    static final long UNIX_FEATURES = SERVER_FEATURES | ProtocolConstants.FEATURE_FD_DONATION;
    private static final int MAX_CLIENT_NAME = 256;

    /**
     * What to send and what follows: {@code close} after a refusal, {@code negotiatedMax} > 0 once
     * the session is established.
     */
    record Outcome(Reply reply, boolean close, int negotiatedMax, String clientName, long features) {
        static Outcome refuse(Errno errno, boolean close) {
            return new Outcome(Reply.errno(errno.number()), close, 0, "", 0);
        }
    }

    private Handshake() {}

    /**
     * @param tokens issues the side-channel token when FD_DONATION is negotiated; null on a transport
     *     that cannot pass descriptors, which then never offers the feature
     */
    static Outcome answer(ByteBuffer body, Limits limits, String serverName, Supplier<byte[]> tokens) {
        HelloRequest hello;
        String clientName;
        try {
            hello = HelloRequest.getRootAsHelloRequest(body);
            clientName = new String(WireValues.boundedBytes(hello.clientNameAsByteBuffer(), MAX_CLIENT_NAME,
                    Errno.EINVAL, "client name"), StandardCharsets.UTF_8);
        } catch (RuntimeException | ErrnoException e) {
            return Outcome.refuse(Errno.EBADMSG, false);
        }
        if (hello.minVersion() > ProtocolConstants.VERSION || hello.maxVersion() < ProtocolConstants.VERSION) {
            return Outcome.refuse(Errno.EPROTONOSUPPORT, true);
        }
        long offered = hello.maxMessageSize();
        if (offered < ProtocolConstants.MIN_MAX_MESSAGE) {
            return Outcome.refuse(Errno.EINVAL, true);
        }
        int negotiated = (int) Math.min(offered, limits.maxMessageSize());
        long features = hello.features() & (tokens == null ? SERVER_FEATURES : UNIX_FEATURES);
        Negotiated agreed = new Negotiated(ProtocolConstants.VERSION, features, negotiated,
                serverName, limits.maxInFlight(), limits.maxComponents(), limits.maxNameLength());
        byte[] token = (features & ProtocolConstants.FEATURE_FD_DONATION) != 0 ? tokens.get() : null;
        return new Outcome(Reply.ok(ReplyBodies.hello(agreed, token)), false, negotiated, clientName,
                agreed.features());
    }
}
