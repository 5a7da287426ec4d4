package io.lisa4j.fuse;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;

/** renameat2(2) with its flags, which java.nio cannot ask for; returns 0 or the errno. */
final class Renameat2 {
    static final int NOREPLACE = 1;
    static final int EXCHANGE = 2;
    private static final int AT_FDCWD = -100;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final VarHandle ERRNO_VALUE = Linker.Option.captureStateLayout()
            .varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle RENAMEAT2 = LINKER.downcallHandle(
            LINKER.defaultLookup().find("renameat2").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
            ERRNO);

    private Renameat2() {}

    static int rename(Path from, Path to, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int rc = (int) RENAMEAT2.invokeExact(state, AT_FDCWD, arena.allocateFrom(from.toString()),
                    AT_FDCWD, arena.allocateFrom(to.toString()), flags);
            return rc == 0 ? 0 : (int) ERRNO_VALUE.get(state, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
