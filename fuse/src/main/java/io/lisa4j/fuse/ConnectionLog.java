package io.lisa4j.fuse;

import io.lisa4j.client.ConnectionListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** One line on stderr for every loss of the mount's connection and for what reconnecting achieved. */
final class ConnectionLog implements ConnectionListener {
    private final PrintStream out;

    ConnectionLog(PrintStream out) {
        this.out = out;
    }

    @Override
    public void disconnected(String endpoint, Throwable cause) {
        out.println("lisa4j mount: disconnected from " + endpoint + " (" + reason(cause) + "); reconnecting");
    }

    @Override
    public void reconnected(String endpoint, int attempts, Duration outage, List<String> lost) {
        out.println("lisa4j mount: reconnected to " + endpoint + " after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ", " + outage.toMillis() + " ms without connection"
                + (lost.isEmpty() ? "" : "; lost: " + String.join("; ", lost)));
    }

    @Override
    public void reconnectFailed(String endpoint, int attempts, Throwable cause) {
        out.println("lisa4j mount: could not reconnect to " + endpoint + " in " + attempts + " attempts ("
                + reason(cause) + "); calls fail with ENOTCONN until a later call reconnects");
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root != null && root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == null ? "unknown cause" : String.valueOf(root.getMessage());
    }
}
