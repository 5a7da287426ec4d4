package io.lisa4j.server.transport;

import io.netty.channel.Channel;

/**
 * The seam for TLS: called first for every accepted channel, before the frame codec, so a
 * TCP listener can put an SslHandler at the head of the pipeline under the name "tls".
 */
@FunctionalInterface
public interface TransportSecurity {
    String HANDLER_NAME = "tls";

    TransportSecurity PLAINTEXT = channel -> {};

    void install(Channel channel);
}
