package io.lisa4j.client;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.codec.OutboundFrame;
import io.lisa4j.protocol.codec.OversizeFrame;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * How frames travel between a {@link Connection} and the server. The connection owns the requests
 * and their futures; the wire only moves bytes and says which thread reads the replies.
 */
interface Wire {
    /** Where the wire delivers what it reads. Called by whichever thread is reading replies. */
    interface Receiver {
        /** A whole reply; the receiver releases it. */
        void reply(Frame frame);

        /** A reply longer than the negotiated maximum, already skipped. */
        void oversize(OversizeFrame frame);

        /** Whether a request is outstanding that no sending thread waits for (see {@link Wire#send}). */
        boolean hasUnattended();

        /** The wire is gone: every outstanding request must fail with {@code cause}. */
        void closed(ErrnoException cause);
    }

    /** Starts delivering replies to {@code receiver}; called once, before the first send. */
    void start(Receiver receiver);

    /**
     * Sends one frame from any thread and releases its data. {@code attended} says the sending
     * thread will itself wait for the reply, so nobody else needs to be woken to read it. A
     * failure is reported to {@code onFailure}.
     */
    void send(OutboundFrame frame, boolean attended, Consumer<Throwable> onFailure);

    /**
     * Returns once {@code future} is done. The wire may have the waiting thread read replies
     * meanwhile, its own and other threads'.
     *
     * @throws IllegalStateException when waiting here could never end: the calling thread is the one
     *     that reads this wire's replies (a blocking call from a reply callback)
     */
    void await(CompletableFuture<?> future) throws InterruptedIOException;

    boolean isOpen();

    /** Applies a newly negotiated limit to the replies that follow. */
    void setMaxMessageSize(int maxMessageSize);

    /** Closes the socket; outstanding requests fail through {@link Receiver#closed}. */
    void close();
}
