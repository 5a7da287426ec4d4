package io.lisa4j.server.transport;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.codec.FrameDecoder;
import io.lisa4j.protocol.codec.OversizeFrame;
import io.lisa4j.protocol.fb.FdChannelRequest;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.Limits;
import io.lisa4j.server.dispatch.Action;
import io.lisa4j.server.dispatch.Call;
import io.lisa4j.server.dispatch.Dispatcher;
import io.lisa4j.server.dispatch.Reply;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.log.Reason;
import io.lisa4j.server.metrics.LimitKind;
import io.lisa4j.server.metrics.Transport;
import io.lisa4j.server.security.ConnectionLimits;
import io.lisa4j.server.security.PeerIdentity;
import io.lisa4j.server.security.ThreadCredentials;
import io.lisa4j.server.session.Mount;
import io.lisa4j.server.session.Session;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.unix.UnixChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One connection's protocol state machine. Runs on the event loop: handshake, admission
 * (EOPNOTSUPP, ENODEV, EAGAIN) and request decoding happen here. A metadata lookup made with the
 * server's own credentials is answered here too (its route says so); every other filesystem call
 * runs on a worker thread, which writes the reply back through the channel, so replies leave in
 * whatever order the calls finish.
 */
final class SessionHandler extends ChannelInboundHandlerAdapter {
    private final String serverName;
    private final Dispatcher dispatcher;
    private final Executor workers;
    private final FrameDecoder decoder;
    private final Limits limits;
    private final ServerServices services;
    private final ConnectionSettings settings;
    private final ConnectionLimits guards;
    private final FdChannels fdChannels;
    private Session session;
    private RequestObserver observer;
    /** Set once this connection became another session's descriptor side-channel (§3.3). */
    private Session sideChannelOf;
    /** Whether that session took this connection's socket (so closing it must detach it). */
    private boolean sideChannelAttached;

    SessionHandler(ConnectionSettings settings, Dispatcher dispatcher, Executor workers, FrameDecoder decoder,
            FdChannels fdChannels) {
        this.settings = settings;
        this.fdChannels = fdChannels;
        this.limits = settings.limits();
        this.serverName = settings.serverName();
        this.dispatcher = dispatcher;
        this.workers = workers;
        this.decoder = decoder;
        this.services = settings.services();
        this.guards = settings.guards();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Transport transport = Transport.of(ctx.channel());
        session = new Session(limits, Peers.describe(ctx.channel()), transport.tag(), settings.serverHandles());
        observer = new RequestObserver(services.metrics(), transport, session.peer(), session.mounts());
        services.sessions().add(session);
        Log.info("connect", "peer", session.peer());
        // TLS and HELLO together must finish in time: a peer trickling either byte by byte is cut off.
        ctx.executor().schedule(() -> {
            // A descriptor side-channel never says HELLO and never sends after FD_CHANNEL (§3.3).
            if (!session.established() && sideChannelOf == null && ctx.channel().isActive()) {
                Log.info("handshake_timeout", "peer", session.peer());
                ctx.close();
            }
        }, guards.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (sideChannelAttached) {
            sideChannelOf.donation().detach();
        }
        if (session != null) {
            Log.info("disconnect", "peer", session.peer(), "identity", session.established() ? session.identity()
                    : "none", "mounts", session.mounts().size(), "handles", session.handles().size());
            services.sessions().remove(session);
            session.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            services.metrics().tlsHandshakeFailed();
            Log.info("tls_handshake_failed", "peer", Peers.describe(ctx.channel()), "error",
                    Reason.of(handshake.cause()));
        }
        if (event instanceof IdleStateEvent && session.inFlight() == 0 && sideChannelOf == null) {
            Log.info("idle_timeout", "peer", session.peer());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Frame frame) {
            onFrame(ctx, frame);
        } else if (msg instanceof OversizeFrame oversize) {
            Log.debug("oversize_frame", "peer", session.peer(), "request", oversize.requestId(),
                    "length", oversize.length());
            Reply reply = Reply.errno(Errno.EMSGSIZE.number());
            observer.refused(LimitKind.MESSAGE_SIZE);
            observer.answered(oversize.opcode(), 0, null, reply, System.nanoTime());
            send(ctx, oversize.requestId(), oversize.opcode(), reply);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onFrame(ChannelHandlerContext ctx, Frame frame) {
        long start = System.nanoTime();
        int requestId = frame.requestId();
        int opcode = frame.opcode();
        if (sideChannelOf != null) {
            // A side-channel carries descriptors to the client only (§3.3).
            frame.release();
            ctx.close();
            return;
        }
        int fsid = frame.fsid();
        if (!session.established() || opcode == Opcode.Hello) {
            try {
                onSessionStart(ctx, frame);
            } finally {
                frame.release();
            }
            return;
        }
        Dispatcher.Route route = dispatcher.route(opcode);
        Mount mount = null;
        ExportGate.Decision decision = null;
        int refusal = 0;
        if (route == null) {
            refusal = Errno.EOPNOTSUPP.number();
        } else if (route.mounted() && (mount = session.mounts().find(frame.fsid())) == null) {
            refusal = Errno.ENODEV.number();
        } else if (!RequestCheck.wellFormed(frame)) {
            Log.debug("bad_body", "peer", session.peer(), "opcode", opcode);
            refusal = Errno.EBADMSG.number();
        } else if ((decision = settings.gate().decide(session, mount, frame)).refusal() != 0) {
            refusal = decision.refusal();
        } else if (!session.tryBegin()) {
            refusal = Errno.EAGAIN.number();
            observer.refused(LimitKind.IN_FLIGHT);
        }
        if (refusal != 0) {
            frame.release();
            Reply reply = Reply.errno(refusal);
            observer.answered(opcode, fsid, mount, reply, start);
            send(ctx, requestId, opcode, reply);
            return;
        }
        long size = ProtocolConstants.HEADER_SIZE + (long) frame.bodyLength() + frame.data().readableBytes();
        if (session.holdBytes(size) >= guards.maxBytesInFlight()) {
            // Every admitted frame stays in memory until its call ends: stop reading until some finish.
            ctx.channel().config().setAutoRead(false);
        }
        Request request = new Request(requestId, opcode, fsid, mount, start, size);
        Call call = new Call(frame, session, mount, ctx.alloc());
        Action action;
        try {
            action = DelegatedAction.of(route.operation().decode(call), decision.runAs());
        } catch (ErrnoException e) {
            finish(ctx, call, request, Reply.errno(e.errno()));
            return;
        } catch (RuntimeException e) {
            Log.debug("bad_body", "peer", session.peer(), "opcode", opcode, "error", e);
            finish(ctx, call, request, Reply.errno(Errno.EBADMSG.number()));
            return;
        }
        if (onEventLoop(route.placement(), decision)) {
            finish(ctx, call, request, run(action, opcode));
            return;
        }
        try {
            workers.execute(() -> {
                finish(ctx, call, request, run(action, opcode));
                if (ThreadCredentials.tainted()) {
                    // A thread that may still carry a client's identity must not run anything else.
                    Log.error("credentials_not_restored", "thread", Thread.currentThread().getName());
                    throw new IllegalStateException("worker credentials could not be restored; retiring the thread");
                }
            });
        } catch (RejectedExecutionException e) {
            observer.refused(LimitKind.WORKER_QUEUE);
            finish(ctx, call, request, Reply.errno(Errno.EAGAIN.number()));
        }
    }

    /**
     * Whether the call is answered right here: PING always; a metadata lookup unless it runs with
     * a caller's delegated credentials, which are only ever applied to a worker thread, never to
     * an event loop that serves other connections.
     */
    private static boolean onEventLoop(Dispatcher.Placement placement, ExportGate.Decision decision) {
        return switch (placement) {
            case EVENT_LOOP -> true;
            case METADATA -> decision.runAs() == null;
            case WORKER -> false;
        };
    }

    /** What the reply needs, and the metrics, once the frame is released. */
    private record Request(int id, int opcode, int fsid, Mount mount, long startNanos, long size) {}

    /** HELLO, or anything sent before it (§3). */
    private void onSessionStart(ChannelHandlerContext ctx, Frame frame) {
        if (session.established()) {
            send(ctx, frame.requestId(), frame.opcode(), Reply.errno(Errno.EPROTO.number()));
            return;
        }
        if (frame.opcode() == Opcode.FdChannel) {
            attachSideChannel(ctx, frame);
            return;
        }
        if (frame.opcode() != Opcode.Hello) {
            sendAndClose(ctx, frame.requestId(), frame.opcode(), Reply.errno(Errno.EPROTO.number()));
            return;
        }
        int uid = Peers.uid(ctx.channel());
        Handshake.Outcome outcome = RequestCheck.wellFormed(frame)
                ? Handshake.answer(Call.bodyOf(frame), limits, serverName,
                        ctx.channel() instanceof UnixChannel && uid >= 0 ? () -> fdChannels.issue(session, uid) : null)
                : Handshake.Outcome.refuse(Errno.EBADMSG, false);
        if (outcome.negotiatedMax() > 0) {
            Optional<PeerIdentity> identity = PeerIdentities.of(ctx.channel());
            if (identity.isEmpty()) {
                Log.warn("peer_unidentified", "peer", session.peer());
                sendAndClose(ctx, frame.requestId(), frame.opcode(), Reply.errno(Errno.EACCES.number()));
                return;
            }
            session.identify(identity.get());
            session.establish(outcome.negotiatedMax());
            if ((outcome.features() & ProtocolConstants.FEATURE_CREDENTIALS) != 0) {
                session.enableCredentials();
            }
            decoder.setMaxMessageSize(outcome.negotiatedMax());
            Log.info("hello", "peer", session.peer(), "identity", identity.get(), "client", outcome.clientName(),
                    "max_message", outcome.negotiatedMax());
        }
        if (outcome.close()) {
            sendAndClose(ctx, frame.requestId(), frame.opcode(), outcome.reply());
        } else {
            send(ctx, frame.requestId(), frame.opcode(), outcome.reply());
        }
    }

    /**
     * FD_CHANNEL (§3.3): this connection becomes the descriptor side-channel of the session whose
     * token it presents. The server sends on its own duplicate of the socket, attached only once
     * the OK reply has left, so Netty's bytes and the descriptor records never interleave.
     */
    private void attachSideChannel(ChannelHandlerContext ctx, Frame frame) {
        Session owner;
        try {
            FdChannelRequest r = FdChannelRequest.getRootAsFdChannelRequest(Call.bodyOf(frame));
            byte[] token = new byte[r.tokenLength()];
            r.tokenAsByteBuffer().get(token);
            owner = fdChannels.claim(token, Peers.uid(ctx.channel()));
        } catch (RuntimeException e) {
            owner = null;
        }
        if (owner == null || !(ctx.channel() instanceof UnixChannel unix)) {
            Log.info("fd_channel_refused", "peer", session.peer(), "reason", "unknown or spent token");
            sendAndClose(ctx, frame.requestId(), frame.opcode(), Reply.errno(Errno.EACCES.number()));
            return;
        }
        Session attachTo = owner;
        sideChannelOf = owner;
        Log.debug("fd_channel", "peer", session.peer(), "for", owner.peer());
        // Attached before the reply leaves: a client that has read it may send OPEN on its main
        // connection at once, and that OPEN must find the side-channel in place.
        int dup;
        try {
            dup = Sys.dupCloexec(unix.fd().intValue());
        } catch (ErrnoException e) {
            dup = -1;
        }
        sideChannelAttached = dup >= 0 && attachTo.donation().attach(dup, () -> ctx.channel().close());
        if (!sideChannelAttached) {
            sendAndClose(ctx, frame.requestId(), frame.opcode(), Reply.errno(Errno.EBUSY.number()));
            return;
        }
        ctx.writeAndFlush(Reply.ok().toFrame(frame.requestId(), frame.opcode())).addListener(written -> {
            if (!written.isSuccess()) {
                attachTo.donation().detach();
            }
        });
    }

    private Reply run(Action action, int opcode) {
        try {
            return action.run();
        } catch (ErrnoException e) {
            return Reply.errno(e.errno());
        } catch (StoppedException e) {
            return Reply.stopped(e);
        } catch (Throwable e) {
            // A bug behind the SPI must cost one request, not the connection or the worker.
            Log.error("operation_failed", "opcode", opcode, "error", e);
            return Reply.errno(Errno.EIO.number());
        }
    }

    private void finish(ChannelHandlerContext ctx, Call call, Request request, Reply reply) {
        if (reply.later() != null) {
            // A call waiting for another party: it keeps its in-flight slot and its frame, not a thread.
            reply.later().whenComplete((done, failure) -> finish(ctx, call, request,
                    done != null ? done : Reply.errno(Errno.EIO.number())));
            return;
        }
        call.close();
        observer.answered(request.opcode(), request.fsid(), request.mount(), reply, request.startNanos());
        session.end();
        if (session.holdBytes(-request.size()) < guards.maxBytesInFlight() && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
        send(ctx, request.id(), request.opcode(), reply);
        session.answered();
    }

    private void send(ChannelHandlerContext ctx, int requestId, int opcode, Reply reply) {
        ctx.writeAndFlush(checked(reply).toFrame(requestId, opcode), ctx.voidPromise());
    }

    private void sendAndClose(ChannelHandlerContext ctx, int requestId, int opcode, Reply reply) {
        ctx.writeAndFlush(checked(reply).toFrame(requestId, opcode)).addListener(ChannelFutureListener.CLOSE);
    }

    /** A reply the peer would have to refuse as oversize is replaced by EMSGSIZE. */
    private Reply checked(Reply reply) {
        int max = session.established() ? session.maxMessageSize() : ProtocolConstants.PRE_HANDSHAKE_MAX_MESSAGE;
        if (reply.frameLength() <= max) {
            return reply;
        }
        reply.discard();
        return Reply.errno(Errno.EMSGSIZE.number());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!ctx.channel().isActive()) {
            // The decoder runs once more on leftover bytes as the channel closes; one report is enough.
            return;
        }
        String peer = session == null ? Peers.describe(ctx.channel()) : session.peer();
        if (cause instanceof DecoderException) {
            // Framing lost sync (§2.2): nothing after this point can be trusted.
            Log.warn("corrupt_frame", "peer", peer, "error", cause.getMessage());
        } else if (cause instanceof IOException) {
            Log.debug("connection_error", "peer", peer, "error", cause.getMessage());
        } else {
            Log.warn("connection_error", "peer", peer, "error", cause);
        }
        ctx.close();
    }
}
