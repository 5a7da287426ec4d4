package io.lisa4j.server.transport;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.FrameDecoder;
import io.lisa4j.protocol.codec.FrameEncoder;
import io.lisa4j.server.dispatch.Dispatcher;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.security.Quota;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline of an accepted connection: [tls] → idle timer → frame decoder → frame encoder → session.
 * A connection beyond the server's maximum is closed before anything is read from it.
 */
public final class ServerChannelInitializer extends ChannelInitializer<Channel> {
    private final TransportSecurity security;
    private final ConnectionSettings settings;
    private final Dispatcher dispatcher;
    private final Executor workers;
    private final ChannelGroup channels;
    private final Quota connections;
    private final FdChannels fdChannels = new FdChannels();

    public ServerChannelInitializer(TransportSecurity security, ConnectionSettings settings, Dispatcher dispatcher,
            Executor workers, ChannelGroup channels, Quota connections) {
        this.security = security;
        this.settings = settings;
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.channels = channels;
        this.connections = connections;
    }

    @Override
    protected void initChannel(Channel ch) {
        if (!connections.tryTake()) {
            Log.warn("connection_refused", "reason", "max_connections", "peer", Peers.describe(ch));
            ch.close();
            return;
        }
        ch.closeFuture().addListener(f -> connections.give());
        channels.add(ch);
        security.install(ch);
        FrameDecoder decoder = new FrameDecoder(ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE);
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, settings.guards().idleTimeout().toMillis(),
                        TimeUnit.MILLISECONDS))
                // Replies answered while a read is in progress go out in one write at its end, so
                // pipelined requests that arrived together cost one syscall back, not one each.
                .addLast("flush-consolidation", new FlushConsolidationHandler(
                        FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false))
                .addLast("frame-decoder", decoder)
                .addLast("frame-encoder", FrameEncoder.INSTANCE)
                .addLast("session", new SessionHandler(settings, dispatcher, workers, decoder, fdChannels));
    }
}
