package io.lisa4j.server.host.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.lisa4j.protocol.fd.Libc;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * The libc entry points, each linked on first use (a holder class per handle: linking all of them
 * up front cost about half a second of the daemon's start). Every handle takes the errno capture segment as its first
 * argument; x86_64/aarch64 LP64 sizes are assumed (size_t, ssize_t, off_t and dev_t are 64-bit).
 */
@SuppressWarnings("restricted")
final class Native {
    private Native() {}

    static final long SYS_RENAMEAT2 = 316;
    static final long SYS_OPENAT2 = 437;
    static final long SYS_FACCESSAT2 = 439;

    // openat is variadic in C: the mode travels as the first variadic argument.
    static MethodHandle OPENAT() {
        return OPENAT_.H;
    }

    private static final class OPENAT_ {
        static final MethodHandle H = link("openat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
                Linker.Option.firstVariadicArg(3));
    }

    // syscall(2) reads every argument as a long, so all are passed as JAVA_LONG.
    static MethodHandle SYSCALL4() {
        return SYSCALL4_.H;
    }

    private static final class SYSCALL4_ {
        static final MethodHandle H = link("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    static MethodHandle SYSCALL5() {
        return SYSCALL5_.H;
    }

    private static final class SYSCALL5_ {
        static final MethodHandle H = link("syscall",
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
    }

    static MethodHandle CLOSE() {
        return CLOSE_.H;
    }

    private static final class CLOSE_ {
        static final MethodHandle H = link("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    static MethodHandle DUPFD() {
        return DUPFD_.H;
    }

    private static final class DUPFD_ {
        static final MethodHandle H = link("fcntl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    }

    static MethodHandle STATX() {
        return STATX_.H;
    }

    private static final class STATX_ {
        static final MethodHandle H = link("statx",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    }

    static MethodHandle FSTATFS() {
        return FSTATFS_.H;
    }

    private static final class FSTATFS_ {
        static final MethodHandle H = link("fstatfs", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }

    static MethodHandle GETDENTS64() {
        return GETDENTS64_.H;
    }

    private static final class GETDENTS64_ {
        static final MethodHandle H = link("getdents64",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    static MethodHandle LSEEK() {
        return LSEEK_.H;
    }

    private static final class LSEEK_ {
        static final MethodHandle H = link("lseek", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    }

    static MethodHandle PREAD64() {
        return PREAD64_.H;
    }

    private static final class PREAD64_ {
        static final MethodHandle H = link("pread64",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    }

    static MethodHandle PWRITE64() {
        return PWRITE64_.H;
    }

    private static final class PWRITE64_ {
        static final MethodHandle H = link("pwrite64",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    }

    static MethodHandle FSYNC() {
        return FSYNC_.H;
    }

    private static final class FSYNC_ {
        static final MethodHandle H = link("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    static MethodHandle FDATASYNC() {
        return FDATASYNC_.H;
    }

    private static final class FDATASYNC_ {
        static final MethodHandle H = link("fdatasync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    static MethodHandle FTRUNCATE() {
        return FTRUNCATE_.H;
    }

    private static final class FTRUNCATE_ {
        static final MethodHandle H = link("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    }

    static MethodHandle FALLOCATE() {
        return FALLOCATE_.H;
    }

    private static final class FALLOCATE_ {
        static final MethodHandle H = link("fallocate",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    }

    static MethodHandle MKDIRAT() {
        return MKDIRAT_.H;
    }

    private static final class MKDIRAT_ {
        static final MethodHandle H = link("mkdirat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    static MethodHandle MKNODAT() {
        return MKNODAT_.H;
    }

    private static final class MKNODAT_ {
        static final MethodHandle H = link("mknodat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_LONG));
    }

    static MethodHandle SYMLINKAT() {
        return SYMLINKAT_.H;
    }

    private static final class SYMLINKAT_ {
        static final MethodHandle H = link("symlinkat",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    }

    static MethodHandle LINKAT() {
        return LINKAT_.H;
    }

    private static final class LINKAT_ {
        static final MethodHandle H = link("linkat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    }

    static MethodHandle READLINKAT() {
        return READLINKAT_.H;
    }

    private static final class READLINKAT_ {
        static final MethodHandle H = link("readlinkat",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    }

    static MethodHandle UNLINKAT() {
        return UNLINKAT_.H;
    }

    private static final class UNLINKAT_ {
        static final MethodHandle H = link("unlinkat", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    }

    static MethodHandle FCHMODAT() {
        return FCHMODAT_.H;
    }

    private static final class FCHMODAT_ {
        static final MethodHandle H = link("fchmodat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    }

    static MethodHandle FCHOWNAT() {
        return FCHOWNAT_.H;
    }

    private static final class FCHOWNAT_ {
        static final MethodHandle H = link("fchownat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    static MethodHandle UTIMENSAT() {
        return UTIMENSAT_.H;
    }

    private static final class UTIMENSAT_ {
        static final MethodHandle H = link("utimensat",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    }

    static MethodHandle UMASK() {
        return UMASK_.H;
    }

    private static final class UMASK_ {
        static final MethodHandle H = link("umask", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    static MethodHandle GETXATTR() {
        return GETXATTR_.H;
    }

    private static final class GETXATTR_ {
        static final MethodHandle H = link("getxattr",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    }

    static MethodHandle SETXATTR() {
        return SETXATTR_.H;
    }

    private static final class SETXATTR_ {
        static final MethodHandle H = link("setxattr",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    static MethodHandle LISTXATTR() {
        return LISTXATTR_.H;
    }

    private static final class LISTXATTR_ {
        static final MethodHandle H = link("listxattr",
                FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
    }

    static MethodHandle REMOVEXATTR() {
        return REMOVEXATTR_.H;
    }

    private static final class REMOVEXATTR_ {
        static final MethodHandle H = link("removexattr", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    }

    static MethodHandle FGETXATTR() {
        return FGETXATTR_.H;
    }

    private static final class FGETXATTR_ {
        static final MethodHandle H = link("fgetxattr",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    }

    static MethodHandle FSETXATTR() {
        return FSETXATTR_.H;
    }

    private static final class FSETXATTR_ {
        static final MethodHandle H = link("fsetxattr",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));
    }

    static MethodHandle FLISTXATTR() {
        return FLISTXATTR_.H;
    }

    private static final class FLISTXATTR_ {
        static final MethodHandle H = link("flistxattr",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    }

    static MethodHandle FREMOVEXATTR() {
        return FREMOVEXATTR_.H;
    }

    private static final class FREMOVEXATTR_ {
        static final MethodHandle H = link("fremovexattr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
    }


    private static MethodHandle link(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        return Libc.link(name, descriptor, extra);
    }
}
