package io.lisa4j.client;

import io.lisa4j.protocol.value.DirEntry;
import java.util.List;

/** One GETDENTS reply: some entries, and whether the listing ended with them. */
public record DirBatch(List<DirEntry> entries, boolean eof) {
    public DirBatch {
        entries = List.copyOf(entries);
    }

    /** The cookie to pass to the next getdents: the last entry's, or {@code current} if none came. */
    public long nextCookie(long current) {
        return entries.isEmpty() ? current : entries.getLast().cookie();
    }
}
