package io.lisa4j.client;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The files a session has open, in the order they were opened, so that a reconnect can open them
 * again: a file opened relative to a directory handle comes after that directory.
 */
final class OpenedFiles {
    private final AtomicLong order = new AtomicLong();
    private final Map<AsyncRemoteFile, Long> open = new ConcurrentHashMap<>();

    void opened(AsyncRemoteFile file) {
        open.put(file, order.incrementAndGet());
    }

    void closed(AsyncRemoteFile file) {
        open.remove(file);
    }

    List<AsyncRemoteFile> inOrder() {
        return open.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .map(Map.Entry::getKey).toList();
    }

    int size() {
        return open.size();
    }
}
