package io.lisa4j.fuse;

import io.lisa4j.client.DirBatch;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.protocol.value.DirEntry;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import org.cryptomator.jfuse.api.DirFiller;
import org.cryptomator.jfuse.api.FuseOperations;

/**
 * readdir is one GETDENTS from the kernel's offset (the server's cookie), with attributes when the
 * kernel asks for readdirplus: the entries that fit go to the kernel, which asks again from the
 * last cookie it took until a reply brings none.
 */
final class DirOps {
    /** libfuse's filler: takes one entry, its struct stat filled by {@code stat}; non-zero once the buffer is full. */
    @FunctionalInterface
    interface Filler {
        int fill(String name, Consumer<MemorySegment> stat, long cookie, int flags);
    }

    private final OpenFiles files;
    private final Rpc rpc;

    DirOps(OpenFiles files, Rpc rpc) {
        this.files = files;
        this.rpc = rpc;
    }

    int readdir(long fh, long offset, int flags, Filler filler) throws IOException {
        RemoteFile dir = files.get(fh);
        boolean plus = (flags & FuseOperations.FUSE_READDIR_PLUS) != 0;
        DirBatch batch = rpc.await(() -> dir.async().getdents(offset, 0, plus));
        for (DirEntry e : batch.entries()) {
            boolean withAttr = plus && e.attr() != null;
            int full = filler.fill(e.nameAsString(),
                    withAttr ? st -> NativeStat.fill(st, e.attr()) : st -> NativeStat.fillType(st, e.ino(), e.type()),
                    e.cookie(), withAttr ? DirFiller.FUSE_FILL_DIR_PLUS : 0);
            if (full != 0) {
                break;
            }
        }
        return 0;
    }
}
