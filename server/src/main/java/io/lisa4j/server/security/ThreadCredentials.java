package io.lisa4j.server.security;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.Credentials;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Runs a filesystem call on the current platform thread with a caller's filesystem uid, gid and
 * supplementary groups, so the kernel checks permissions as that caller and new files belong to
 * it. Raw syscalls, not the libc wrappers: glibc's setgroups/setfsuid change every thread of the
 * process, the kernel's calls only the caller. The previous identity is restored afterwards; a
 * thread whose restore cannot be confirmed is marked {@linkplain #tainted() tainted} and must not
 * run anything else (the caller lets it die).
 */
public final class ThreadCredentials {
    private static final boolean X86_64 = !"aarch64".equals(System.getProperty("os.arch"));
    private static final long SYS_GETGROUPS = X86_64 ? 115 : 158;
    private static final long SYS_SETGROUPS = X86_64 ? 116 : 159;
    private static final long SYS_SETFSUID = X86_64 ? 122 : 151;
    private static final long SYS_SETFSGID = X86_64 ? 123 : 152;
    private static final MethodHandle SYSCALL;
    private static final ThreadLocal<Boolean> TAINTED = ThreadLocal.withInitial(() -> false);

    static {
        Linker linker = Linker.nativeLinker();
        SYSCALL = linker.downcallHandle(linker.defaultLookup().find("syscall").orElseThrow(),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));
    }

    @FunctionalInterface
    public interface Body<T> {
        T run() throws Exception;
    }

    private ThreadCredentials() {}

    /** True once a restore on this thread failed: the thread may still carry a client's identity. */
    public static boolean tainted() {
        return TAINTED.get();
    }

    /** Runs {@code body} as {@code who}; EPERM when the switch cannot be made (the server is not root). */
    public static <T> T runAs(Credentials who, Body<T> body) throws Exception {
        if (tainted()) {
            throw new IllegalStateException("thread credentials were not restored");
        }
        int savedUid = fsuid();
        int savedGid = fsgid();
        int[] savedGroups = groups();
        if (!apply(who.uid(), who.gid(), who.groups())) {
            restore(savedUid, savedGid, savedGroups);
            throw new ErrnoException(Errno.EPERM, "cannot assume " + who);
        }
        try {
            return body.run();
        } finally {
            restore(savedUid, savedGid, savedGroups);
        }
    }

    /** The current thread's filesystem uid (setfsuid with an invalid id changes nothing and reports it). */
    public static int fsuid() {
        return (int) call(SYS_SETFSUID, -1, 0);
    }

    public static int fsgid() {
        return (int) call(SYS_SETFSGID, -1, 0);
    }

    private static boolean apply(int uid, int gid, int[] groups) {
        if (!setGroups(groups)) {
            return false;
        }
        call(SYS_SETFSGID, Integer.toUnsignedLong(gid), 0);
        call(SYS_SETFSUID, Integer.toUnsignedLong(uid), 0);
        return fsuid() == uid && fsgid() == gid;
    }

    private static void restore(int uid, int gid, int[] groups) {
        call(SYS_SETFSUID, Integer.toUnsignedLong(uid), 0);
        call(SYS_SETFSGID, Integer.toUnsignedLong(gid), 0);
        boolean ok = setGroups(groups) && fsuid() == uid && fsgid() == gid
                && java.util.Arrays.equals(groups(), groups);
        if (!ok) {
            TAINTED.set(true);
        }
    }

    private static int[] groups() {
        try (Arena arena = Arena.ofConfined()) {
            int n = (int) call(SYS_GETGROUPS, 0, 0);
            if (n <= 0) {
                return new int[0];
            }
            MemorySegment list = arena.allocate(JAVA_INT, n);
            int got = (int) call(SYS_GETGROUPS, n, list.address());
            return list.asSlice(0, 4L * Math.max(got, 0)).toArray(JAVA_INT);
        }
    }

    private static boolean setGroups(int[] groups) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment list = arena.allocate(JAVA_INT, Math.max(1, groups.length));
            MemorySegment.copy(groups, 0, list, JAVA_INT, 0, groups.length);
            return call(SYS_SETGROUPS, groups.length, list.address()) == 0;
        }
    }

    private static long call(long number, long a, long b) {
        try {
            return (long) SYSCALL.invokeExact(number, a, b);
        } catch (Throwable t) {
            throw new IllegalStateException("syscall " + number, t);
        }
    }

}
