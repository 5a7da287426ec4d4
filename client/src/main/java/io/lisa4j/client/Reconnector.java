package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replaces a session's lost link: up to {@link ReconnectPolicy#maxAttempts()} attempts, backed off,
 * each a new socket with a new handshake on which every export the session had mounted is mounted
 * again and every open file opened again ({@link Reopener}). One round at a time, on its own thread.
 */
final class Reconnector {
    private final Connection connection;
    private final ReconnectPolicy policy;
    private volatile boolean stopped;
    private volatile Thread round;

    Reconnector(Connection connection, ReconnectPolicy policy) {
        this.connection = connection;
        this.policy = policy;
    }

    /** Starts a round whose link will be generation {@code generation}. */
    void start(int generation) {
        if (!stopped) {
            round = Thread.ofPlatform().daemon().name("lisa4j-reconnect").start(() -> round(generation));
        }
    }

    /** The session closed: the round running ends at its next step, no other starts. */
    void stop() {
        stopped = true;
        Thread t = round;
        if (t != null) {
            t.interrupt();
        }
    }

    private void round(int generation) {
        String endpoint = connection.endpoint().toString();
        long lostAt = System.nanoTime();
        IOException last = null;
        int attempt = 0;
        while (attempt < policy.maxAttempts() && !stopped) {
            attempt++;
            try {
                Thread.sleep(policy.backoff(attempt));
            } catch (InterruptedException e) {
                return;
            }
            Link fresh = null;
            try {
                fresh = connection.establish(generation);
                List<String> lost = restore(fresh);
                if (connection.restored(fresh)) {
                    connection.listener().reconnected(endpoint, attempt, Duration.ofNanos(System.nanoTime() - lostAt),
                            lost);
                } else if (stopped) {
                    fresh.close();
                }
                return;
            } catch (IOException | RuntimeException e) {
                last = e instanceof IOException io ? io : new IOException(e);
                if (fresh != null) {
                    fresh.close();
                }
            }
        }
        if (stopped) {
            return;
        }
        ErrnoException failure = new ErrnoException(Errno.ENOTCONN,
                "could not reconnect to " + endpoint + " in " + attempt + " attempts");
        failure.initCause(last);
        connection.roundFailed(failure);
        connection.listener().reconnectFailed(endpoint, attempt, last);
    }

    /** Mounts and opens on {@code fresh} what the session had; returns what could not be restored. */
    private List<String> restore(Link fresh) throws IOException {
        List<String> lost = new ArrayList<>();
        for (Map.Entry<Integer, byte[]> m : connection.mounts().snapshot().entrySet()) {
            try {
                int fsid = fresh.call(new Call<>(Opcode.Mount, ProtocolConstants.NO_FSID,
                        RequestBodies.mount(m.getValue()),
                        r -> (int) MountReply.getRootAsMountReply(Replies.body(r)).fsid()));
                fresh.mapFsid(m.getKey(), fsid);
            } catch (ConnectionLostException e) {
                throw e;
            } catch (ErrnoException e) {
                lost.add("export " + new String(m.getValue(), StandardCharsets.UTF_8) + ": " + e.getMessage());
            }
        }
        lost.addAll(new Reopener(fresh).reopen(connection.files().inOrder()));
        return lost;
    }
}
