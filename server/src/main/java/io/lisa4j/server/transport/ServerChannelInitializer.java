package io.lisa4j.server.transport;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.FrameDecoder;
import io.lisa4j.protocol.codec.FrameEncoder;
import io.lisa4j.server.Limits;
import io.lisa4j.server.dispatch.Dispatcher;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.Executor;

/** Pipeline of an accepted connection: [tls] → frame decoder → frame encoder → session. */
public final class ServerChannelInitializer extends ChannelInitializer<Channel> {
    private final TransportSecurity security;
    private final Limits limits;
    private final String serverName;
    private final Dispatcher dispatcher;
    private final Executor workers;
    private final ChannelGroup channels;
    private final ServerServices services;
    private final FdChannels fdChannels = new FdChannels();

    public ServerChannelInitializer(TransportSecurity security, Limits limits, String serverName,
            Dispatcher dispatcher, Executor workers, ChannelGroup channels, ServerServices services) {
        this.services = services;
        this.security = security;
        this.limits = limits;
        this.serverName = serverName;
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.channels = channels;
    }

    @Override
    protected void initChannel(Channel ch) {
        channels.add(ch);
        security.install(ch);
        FrameDecoder decoder = new FrameDecoder(ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE);
        ch.pipeline()
                .addLast("frame-decoder", decoder)
                .addLast("frame-encoder", FrameEncoder.INSTANCE)
                .addLast("session", new SessionHandler(limits, serverName, dispatcher, workers, decoder, services,
                        fdChannels));
    }
}
