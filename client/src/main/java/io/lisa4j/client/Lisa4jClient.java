package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.Negotiated;
import java.io.IOException;
import java.net.URI;

/**
 * Entry point: connects to a lisa4j server and performs the handshake.
 *
 * <pre>{@code
 * try (Session s = Lisa4jClient.connect("unix:/run/lisa4j.sock")) {
 *     RemoteFs fs = s.mount("data");
 *     FileAttr a = fs.stat("dir/file");
 * }
 * }</pre>
 */
public final class Lisa4jClient {
    private Lisa4jClient() {}

    /** {@code unix:/path/to/socket}; {@code tcp:host:port} needs {@link ClientOptions#withTls}. */
    public static Session connect(String endpoint) throws IOException {
        return connect(URI.create(endpoint));
    }

    public static Session connect(URI endpoint) throws IOException {
        return connect(endpoint, ClientOptions.DEFAULTS);
    }

    public static Session connect(URI endpoint, ClientOptions options) throws IOException {
        Endpoint where = Endpoint.parse(endpoint);
        Connection connection = Connector.connect(where, ChannelSecurity.of(where, options));
        try {
            boolean donation = options.fdDonation() && where instanceof Endpoint.Unix;
            HelloResult hello = handshake(connection, options, donation ? ProtocolConstants.FEATURE_FD_DONATION : 0);
            Negotiated n = hello.negotiated();
            connection.applyNegotiated(n.maxMessageSize(), n.maxInFlight());
            if (options.credentials() != null) {
                if ((n.features() & ProtocolConstants.FEATURE_CREDENTIALS) == 0) {
                    throw new ErrnoException(Errno.EOPNOTSUPP, "the server does not take caller credentials");
                }
                connection.actAs(options.credentials());
            }
            if (donation && hello.fdChannelToken() != null && where instanceof Endpoint.Unix unix) {
                connection.attachFdChannel(FdChannel.attach(unix.socket(), hello.fdChannelToken()));
            }
            return new Session(connection, n);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** HELLO (PROTOCOL.md §3): nothing else may be sent until its reply arrives. */
    private static HelloResult handshake(Connection connection, ClientOptions options, long features)
            throws IOException {
        Call<HelloResult> hello = new Call<>(Opcode.Hello, ProtocolConstants.NO_FSID,
                RequestBodies.hello(ProtocolConstants.VERSION, ProtocolConstants.VERSION,
                        features | (options.credentials() == null ? 0 : ProtocolConstants.FEATURE_CREDENTIALS),
                        options.maxMessageSize(), options.clientName()),
                HelloResult::decode);
        HelloResult result = Blocking.await(connection, connection.submit(hello));
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
