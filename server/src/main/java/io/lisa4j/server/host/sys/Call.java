package io.lisa4j.server.host.sys;

import io.lisa4j.protocol.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Runs one downcall and turns a -1 return into an {@link ErrnoException} with the captured errno. */
final class Call {
    private Call() {}

    @FunctionalInterface
    interface Invocation {
        long invoke(MemorySegment capture) throws Throwable;
    }

    static long run(Arena arena, Invocation invocation) throws ErrnoException {
        MemorySegment capture = arena.allocate(Native.CAPTURE_LAYOUT);
        long result;
        try {
            result = invocation.invoke(capture);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall failed", t);
        }
        if (result == -1) {
            throw new ErrnoException(Native.errno(capture));
        }
        return result;
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
