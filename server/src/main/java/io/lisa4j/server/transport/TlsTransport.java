package io.lisa4j.server.transport;

import io.lisa4j.server.log.Reason;
import io.lisa4j.tls.Tls;
import io.lisa4j.tls.TlsFiles;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * TLS 1.3 with a client certificate required, at the head of every accepted TCP pipeline. No
 * frame is decoded before the handshake has succeeded: plaintext, a missing, expired or foreign
 * certificate and older protocol versions all fail here, and the connection is closed.
 */
public final class TlsTransport implements TransportSecurity {
    private final SSLContext context;
    private final Duration handshakeTimeout;

    private TlsTransport(SSLContext context, Duration handshakeTimeout) {
        this.context = context;
        this.handshakeTimeout = handshakeTimeout;
    }

    public static TlsTransport load(TlsFiles files, Duration handshakeTimeout) throws IOException {
        try {
            return new TlsTransport(Tls.context(files), handshakeTimeout);
        } catch (IOException e) {
            throw new IOException("cannot load the TLS key material: " + Reason.of(e), e);
        }
    }

    @Override
    public void install(Channel channel) {
        SslHandler handler = new SslHandler(Tls.serverEngine(context));
        handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        channel.pipeline().addFirst(HANDLER_NAME, handler);
    }
}
