package io.lisa4j.server.security;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * The server process's own user: its effective uid, the one the kernel reports to a peer through
 * SO_PEERCRED and gives the files the process creates (its socket files among them).
 */
public final class ProcessIds {
    private static final MethodHandle GETEUID;

    static {
        Linker linker = Linker.nativeLinker();
        GETEUID = linker.downcallHandle(linker.defaultLookup().find("geteuid").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT));
    }

    private ProcessIds() {}

    /** geteuid(2), which cannot fail. */
    public static int uid() {
        try {
            return (int) GETEUID.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("cannot call geteuid", e);
        }
    }
}
