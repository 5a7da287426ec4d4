package io.lisa4j.server.metrics;

import io.netty.channel.Channel;
import io.netty.channel.unix.DomainSocketChannel;

/** How a connection reached the server: the {@code transport} tag of the request metrics. */
public enum Transport {
    UNIX("unix"),
    TCP("tcp");

    private final String tag;

    Transport(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public static Transport of(Channel channel) {
        return channel instanceof DomainSocketChannel ? UNIX : TCP;
    }
}
