package io.lisa4j.it.reconnect;

import io.lisa4j.client.ConnectionListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a session told its listener, in order, one line per event. */
final class Events implements ConnectionListener {
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void disconnected(String endpoint, Throwable cause) {
        lines.add("disconnected");
    }

    @Override
    public void reconnected(String endpoint, int attempts, Duration outage, List<String> lost) {
        lines.add("reconnected" + (lost.isEmpty() ? "" : " lost=" + lost.size()));
    }

    @Override
    public void reconnectFailed(String endpoint, int attempts, Throwable cause) {
        lines.add("failed");
    }

    long count(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }
}
