package io.lisa4j.protocol.fd;

import io.lisa4j.protocol.ErrnoException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Links libc functions with errno capture and runs them, turning a -1 return into an
 * {@link ErrnoException}. Shared by the server's descriptor sender and the client's receiver and
 * local file calls, so that both sides of descriptor donation use one FFM layer.
 */
@SuppressWarnings("restricted")
public final class Libc {
    private Libc() {}

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO_HANDLE =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    @FunctionalInterface
    public interface Invocation {
        long invoke(MemorySegment capture) throws Throwable;
    }

    /** A downcall handle for {@code name} whose first argument is the errno capture segment. */
    public static MethodHandle link(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        MemorySegment address = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(address, descriptor, options);
    }

    private static final ThreadLocal<MemorySegment> THREAD_CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    /**
     * Runs one downcall with this thread's reusable errno capture segment: no allocation per call,
     * for the hot paths (a socket read or write per request).
     */
    public static long run(Invocation invocation) throws ErrnoException {
        return call(THREAD_CAPTURE.get(), invocation);
    }

    /** Runs one downcall; -1 becomes an ErrnoException with the captured errno. */
    public static long run(Arena arena, Invocation invocation) throws ErrnoException {
        return call(arena.allocate(CAPTURE_LAYOUT), invocation);
    }

    private static long call(MemorySegment capture, Invocation invocation) throws ErrnoException {
        long result;
        try {
            result = invocation.invoke(capture);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall failed", t);
        }
        if (result == -1) {
            throw new ErrnoException((int) ERRNO_HANDLE.get(capture, 0L));
        }
        return result;
    }
}
