package io.lisa4j.server.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every connected session of the server: what the gauges count (connections, open handles,
 * requests in flight) and what a shutdown waits on while it drains.
 */
public final class LiveSessions {
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    public void add(Session session) {
        sessions.add(session);
    }

    public void remove(Session session) {
        sessions.remove(session);
    }

    public int count() {
        return sessions.size();
    }

    public long count(String transport) {
        return sessions.stream().filter(s -> s.transport().equals(transport)).count();
    }

    public long openHandles() {
        return sessions.stream().mapToLong(s -> s.handles().size()).sum();
    }

    public long inFlight() {
        return sessions.stream().mapToLong(Session::inFlight).sum();
    }
}
