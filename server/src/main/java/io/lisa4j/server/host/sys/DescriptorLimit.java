package io.lisa4j.server.host.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.fd.Libc;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** RLIMIT_NOFILE: how many descriptors this process may hold, through getrlimit(2) and setrlimit(2). */
public final class DescriptorLimit {
    private DescriptorLimit() {}

    private static final int RLIMIT_NOFILE = 7;
    private static final MethodHandle GETRLIMIT = Libc.link("getrlimit",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SETRLIMIT = Libc.link("setrlimit",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    /**
     * Raises the soft limit to the hard limit (an unprivileged process may) and returns the soft
     * limit in force afterwards; RLIM_INFINITY reads as Long.MAX_VALUE.
     */
    public static long raiseSoftToHard() throws ErrnoException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment limits = a.allocate(16, 8);
            Libc.run(a, st -> (int) GETRLIMIT.invokeExact(st, RLIMIT_NOFILE, limits));
            long soft = limits.get(JAVA_LONG, 0);
            long hard = limits.get(JAVA_LONG, 8);
            if (soft != hard) {
                limits.set(JAVA_LONG, 0, hard);
                Libc.run(a, st -> (int) SETRLIMIT.invokeExact(st, RLIMIT_NOFILE, limits));
                Libc.run(a, st -> (int) GETRLIMIT.invokeExact(st, RLIMIT_NOFILE, limits));
            }
            long now = limits.get(JAVA_LONG, 0);
            return now < 0 ? Long.MAX_VALUE : now;
        }
    }
}
