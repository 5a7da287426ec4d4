package io.lisa4j.server.host.sys;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.fd.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Runs one downcall (through {@link Libc}, -1 becoming an ErrnoException) and builds C strings. */
final class Call {
    private Call() {}

    static long run(Arena arena, Libc.Invocation invocation) throws ErrnoException {
        return Libc.run(arena, invocation);
    }

    /** A NUL-terminated copy of {@code bytes}; the caller has made sure they hold no NUL. */
    static MemorySegment cString(Arena arena, byte[] bytes) {
        MemorySegment s = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return s;
    }

    static byte[] bytes(MemorySegment segment, long length) {
        return segment.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
    }
}
