package io.lisa4j.server.spi;

import io.lisa4j.protocol.value.DirEntry;
import java.util.List;

/** A batch of directory entries and whether the listing is complete. */
public record DirBatch(List<DirEntry> entries, boolean eof) {
    public DirBatch {
        entries = List.copyOf(entries);
    }
}
