package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.Negotiated;
import java.io.IOException;

/**
 * What makes a new socket a usable link: HELLO (PROTOCOL.md §3), the limits it settles, the
 * caller's credentials and the descriptor side-channel. A session's first socket and every
 * reconnect go through it alike.
 */
final class Handshake {
    private Handshake() {}

    static Negotiated run(Link link, Endpoint where, ClientOptions options) throws IOException {
        boolean donation = options.fdDonation() && where instanceof Endpoint.Unix;
        HelloResult hello = hello(link, options, donation ? ProtocolConstants.FEATURE_FD_DONATION : 0);
        Negotiated n = hello.negotiated();
        link.applyNegotiated(n.maxMessageSize(), n.maxInFlight());
        if (options.credentials() != null) {
            if ((n.features() & ProtocolConstants.FEATURE_CREDENTIALS) == 0) {
                throw new ErrnoException(Errno.EOPNOTSUPP, "the server does not take caller credentials");
            }
            link.actAs(options.credentials());
        }
        if (donation && hello.fdChannelToken() != null && where instanceof Endpoint.Unix unix) {
            link.attachFdChannel(FdChannel.attach(unix.socket(), hello.fdChannelToken()));
        }
        return n;
    }

    /** HELLO: nothing else may be sent until its reply arrives. */
    private static HelloResult hello(Link link, ClientOptions options, long features) throws IOException {
        Call<HelloResult> hello = new Call<>(Opcode.Hello, ProtocolConstants.NO_FSID,
                RequestBodies.hello(ProtocolConstants.VERSION, ProtocolConstants.VERSION,
                        features | (options.credentials() == null ? 0 : ProtocolConstants.FEATURE_CREDENTIALS),
                        options.maxMessageSize(), options.clientName()),
                HelloResult::decode);
        HelloResult result = link.call(hello);
        Negotiated n = result.negotiated();
        if (n.version() != ProtocolConstants.VERSION) {
            throw new ErrnoException(Errno.EPROTONOSUPPORT, "server chose protocol version " + n.version());
        }
        if (Integer.compareUnsigned(n.maxMessageSize(), ProtocolConstants.MIN_MAX_MESSAGE) < 0
                || Integer.compareUnsigned(n.maxMessageSize(), options.maxMessageSize()) > 0) {
            throw new ErrnoException(Errno.EPROTO, "server negotiated max message size " + n.maxMessageSize());
        }
        return result;
    }
}
