package io.lisa4j.client;

import io.netty.channel.Channel;

/**
 * The seam where transport security joins the pipeline: it runs first, before the frame codec,
 * so a TLS handler would sit between the socket and the frames. Plain text is the only kind
 * today.
 */
interface ChannelSecurity {
    ChannelSecurity PLAINTEXT = channel -> {};

    void install(Channel channel);
}
