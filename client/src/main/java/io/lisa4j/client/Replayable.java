package io.lisa4j.client;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.FsetXattrRequest;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.OpenRequest;
import io.lisa4j.protocol.fb.SetXattrRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Which requests a reconnected session may send again when the connection was lost before their
 * reply (PROTOCOL.md §12): those that leave the same result whether the server applied the first
 * copy or not. Reads, stats and writes at an offset do; whatever creates, removes or renames a
 * name, or appends, does not: the second copy would fail (EEXIST, ENOENT) or apply twice.
 */
final class Replayable {
    private Replayable() {}

    static boolean request(int opcode, ByteBuffer body) {
        return switch (opcode) {
            case Opcode.Hello, Opcode.Mount, Opcode.Ping, Opcode.Stat, Opcode.Readlink, Opcode.SetAttr,
                    Opcode.StatFs, Opcode.Access, Opcode.GetXattr, Opcode.ListXattr, Opcode.Fstat, Opcode.Pread,
                    Opcode.Pwrite, Opcode.Fsync, Opcode.Ftruncate, Opcode.Fallocate, Opcode.Getdents,
                    Opcode.FsetAttr, Opcode.FgetXattr, Opcode.FlistXattr, Opcode.Fstatfs, Opcode.Freadlink,
                    // The server released every handle and mount of the lost connection: done either way.
                    Opcode.Close, Opcode.Umount -> true;
            case Opcode.Open -> openReplayable(OpenRequest.getRootAsOpenRequest(table(body)).flags());
            case Opcode.SetXattr -> (SetXattrRequest.getRootAsSetXattrRequest(table(body)).flags()
                    & ProtocolConstants.XATTR_CREATE) == 0;
            case Opcode.FsetXattr -> (FsetXattrRequest.getRootAsFsetXattrRequest(table(body)).flags()
                    & ProtocolConstants.XATTR_CREATE) == 0;
            // Mkdir, Mknod, Symlink, Link, Unlink, Rename, RemoveXattr, FremoveXattr and anything unknown.
            default -> false;
        };
    }

    /** O_CREAT|O_EXCL fails the second time; O_TMPFILE's file died with the connection either way. */
    static boolean openReplayable(long flags) {
        int both = ProtocolConstants.O_CREAT | ProtocolConstants.O_EXCL;
        return (flags & both) != both;
    }

    /** Whether writes through a handle opened with {@code flags} may be replayed: not when they append. */
    static boolean writeReplayable(int flags) {
        return (flags & ProtocolConstants.O_APPEND) == 0;
    }

    private static ByteBuffer table(ByteBuffer body) {
        return body.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
}
