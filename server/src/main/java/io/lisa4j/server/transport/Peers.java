package io.lisa4j.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import java.io.IOException;

/** Names a connection's peer for the logs: its address, or on a Unix socket its pid and uid. */
final class Peers {
    private Peers() {}

    /** The peer's uid on a Unix socket (SO_PEERCRED); -1 elsewhere or when the kernel will not say. */
    static int uid(Channel channel) {
        if (channel instanceof EpollDomainSocketChannel unix) {
            try {
                return unix.peerCredentials().uid();
            } catch (IOException e) {
                return -1;
            }
        }
        return -1;
    }

    static String describe(Channel channel) {
        if (channel instanceof EpollDomainSocketChannel unix) {
            try {
                PeerCredentials creds = unix.peerCredentials();
                return "unix:pid=" + creds.pid() + ",uid=" + creds.uid() + ",ch=" + channel.id().asShortText();
            } catch (IOException e) {
                return "unix:ch=" + channel.id().asShortText();
            }
        }
        return String.valueOf(channel.remoteAddress());
    }
}
