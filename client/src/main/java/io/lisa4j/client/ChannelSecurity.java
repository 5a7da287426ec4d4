package io.lisa4j.client;

import io.lisa4j.tls.Tls;
import io.lisa4j.tls.TlsFiles;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;

/**
 * The seam where transport security joins the pipeline: it runs first, before the frame codec,
 * so the TLS handler sits between the socket and the frames.
 */
interface ChannelSecurity {
    ChannelSecurity PLAINTEXT = channel -> {};

    void install(Channel channel);

    /** What {@code options} ask for on {@code endpoint}: TLS on TCP, unless plaintext was explicitly chosen. */
    static ChannelSecurity of(Endpoint endpoint, ClientOptions options) throws IOException {
        if (!(endpoint instanceof Endpoint.Tcp tcp)) {
            return PLAINTEXT;
        }
        TlsFiles files = options.tls();
        if (files == null) {
            if (options.insecurePlaintextTcp()) {
                return PLAINTEXT;
            }
            throw new IllegalArgumentException("tcp endpoints need TLS key material (ClientOptions.withTls)");
        }
        var context = Tls.context(files);
        return channel -> channel.pipeline().addFirst("tls",
                new SslHandler(Tls.clientEngine(context, tcp.host(), tcp.port())));
    }
}
