package io.lisa4j.server.log;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.netty.channel.unix.Errors;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Why something failed, as a person reads it: the kernel's words and the errno's name
 * ({@code address already in use (EADDRINUSE)}), whichever layer (FFM, Netty's native transport,
 * java.nio) reported it. What names no errno keeps its own message.
 */
public final class Reason {
    /** Errnos the daemon meets outside the wire's set: its sockets'. */
    private static final Object[][] SOCKET_ERRNOS = {
        {97, "EAFNOSUPPORT", "Address family not supported by protocol"},
        {98, "EADDRINUSE", "Address already in use"},
        {99, "EADDRNOTAVAIL", "Cannot assign requested address"},
        {100, "ENETDOWN", "Network is down"},
        {101, "ENETUNREACH", "Network is unreachable"},
        {113, "EHOSTUNREACH", "No route to host"},
    };
    private static final Map<Integer, String[]> BY_NUMBER = new HashMap<>();
    private static final Map<String, Integer> BY_TEXT = new HashMap<>();

    static {
        for (Errno e : Errno.values()) {
            add(e.number(), e.name(), e.description());
        }
        for (Object[] e : SOCKET_ERRNOS) {
            add((Integer) e[0], (String) e[1], (String) e[2]);
        }
    }

    private Reason() {}

    private static void add(int number, String name, String text) {
        BY_NUMBER.put(number, new String[] {name, text});
        BY_TEXT.put(text.toLowerCase(Locale.ROOT), number);
    }

    /** {@code t}'s reason, from the innermost cause that names an errno, else {@code t}'s own message. */
    public static String of(Throwable t) {
        String named = errnoOf(t);
        if (named != null) {
            return named;
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /** {@code t}'s reason when some cause names an errno, else null. */
    public static String errnoOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            int errno = errno(c);
            if (errno > 0 && BY_NUMBER.containsKey(errno)) {
                return ofErrno(errno);
            }
        }
        return null;
    }

    /** {@code permission denied (EACCES)} for 13; {@code errno 200} for a number without a name here. */
    public static String ofErrno(int errno) {
        String[] named = BY_NUMBER.get(errno);
        if (named == null) {
            return "errno " + errno;
        }
        return Character.toLowerCase(named[1].charAt(0)) + named[1].substring(1) + " (" + named[0] + ")";
    }

    /** The errno {@code t} stands for, 0 when it names none. */
    static int errno(Throwable t) {
        return switch (t) {
            case ErrnoException e -> e.errno();
            case Errors.NativeIoException e -> Math.abs(e.expectedErr());
            case NoSuchFileException e -> Errno.ENOENT.number();
            case AccessDeniedException e -> Errno.EACCES.number();
            case FileAlreadyExistsException e -> Errno.EEXIST.number();
            case NotDirectoryException e -> Errno.ENOTDIR.number();
            case DirectoryNotEmptyException e -> Errno.ENOTEMPTY.number();
            case FileSystemException e -> fromText(e.getReason());
            default -> fromText(t.getMessage());
        };
    }

    /** The errno whose strerror text ends {@code message} ("bind(..) failed: Address already in use"). */
    private static int fromText(String message) {
        if (message == null) {
            return 0;
        }
        String text = message.substring(message.lastIndexOf(": ") + 1).strip().toLowerCase(Locale.ROOT);
        return BY_TEXT.getOrDefault(text, 0);
    }
}
