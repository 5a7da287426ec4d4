package io.lisa4j.conformance.run;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The suite could not start: its message is the one line a person acts on, naming the target or
 * export and the errno.
 */
public final class SetupFailure extends IOException {
    public SetupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The name of the errno {@code e} carries ("ENOENT"), or its number when Linux has no name for it. */
    public static String errnoName(ErrnoException e) {
        Errno errno = e.errnoEnum();
        return errno == null ? "errno " + e.errno() : errno.name();
    }

    /** The errno name behind a failed java.nio.file call on this machine, or its message when there is none. */
    static String hostErrno(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> "ENOENT";
            case AccessDeniedException x -> "EACCES";
            case FileAlreadyExistsException x -> "EEXIST";
            case FileSystemException x when x.getReason() != null -> x.getReason();
            default -> e.getMessage();
        };
    }

    static SetupFailure connecting(Target target, IOException e) {
        String why = e instanceof ErrnoException errno ? errnoName(errno) : e.getMessage();
        String hint = "";
        if (target.endpoint().startsWith("tcp:") && target.tls() == null && !why.equals("ECONNREFUSED")) {
            hint = "; without --tls-dir and --identity the suite speaks plaintext TCP";
        } else if (target.tls() != null && e.getMessage() != null && e.getMessage().contains("TLS handshake")) {
            hint = "; TLS handshake failed: " + rootCause(e).getMessage();
        }
        return new SetupFailure("cannot connect to " + target.endpoint() + " (" + why + ")" + hint, e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static SetupFailure mounting(String export, String endpoint, IOException e) {
        if (!(e instanceof ErrnoException errno)) {
            return new SetupFailure("MOUNT of export " + export + " on " + endpoint + " failed: " + e.getMessage(), e);
        }
        String what = switch (errnoName(errno)) {
            case "ENOENT" -> "export " + export + " not found on " + endpoint;
            case "EACCES", "EPERM" -> "export " + export + " on " + endpoint + " refused this client";
            default -> "MOUNT of export " + export + " on " + endpoint + " failed";
        };
        return new SetupFailure(what + " (" + errnoName(errno) + ")", e);
    }
}
