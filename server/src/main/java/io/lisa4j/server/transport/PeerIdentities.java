package io.lisa4j.server.transport;

import io.lisa4j.server.security.PeerIdentity;
import io.lisa4j.tls.Identities;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Establishes who a connection's peer is: its certificate's identity, its SO_PEERCRED, or nobody. */
final class PeerIdentities {
    private PeerIdentities() {}

    /** The peer's identity, or empty when a TLS peer's certificate names none (the connection is refused). */
    static Optional<PeerIdentity> of(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls != null) {
            try {
                Certificate[] chain = tls.engine().getSession().getPeerCertificates();
                return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                        ? Identities.of(leaf).map(PeerIdentity.Certificate::new)
                        : Optional.empty();
            } catch (SSLPeerUnverifiedException e) {
                return Optional.empty();
            }
        }
        if (channel instanceof EpollDomainSocketChannel unix) {
            try {
                PeerCredentials c = unix.peerCredentials();
                return Optional.of(new PeerIdentity.UnixPeer(c.uid(), c.gids().length > 0 ? c.gids()[0] : -1,
                        c.pid()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new PeerIdentity.Anonymous());
    }
}
