package io.lisa4j.client.nio;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Turns a server errno into the exception the JDK's Unix provider throws for the same errno
 * (sun.nio.fs.UnixException#translateToIOException): EACCES, ENOENT and EEXIST get their own
 * classes, ELOOP and every other errno a FileSystemException whose reason is the strerror text.
 * EROFS on a read-only export is the unchecked ReadOnlyFileSystemException that file systems whose
 * {@code isReadOnly()} is true throw. Operation-specific classes (NotDirectoryException,
 * DirectoryNotEmptyException, NotLinkException) are chosen by the operations, as the JDK does.
 */
final class Errors {
    private Errors() {}

    static IOException translate(IOException e, Lisa4jPath file, Lisa4jPath other) {
        if (!(e instanceof ErrnoException x)) {
            return e;
        }
        return translate(x.errno(), file, other);
    }

    static IOException translate(int errno, Lisa4jPath file, Lisa4jPath other) {
        String f = file == null ? null : file.toString();
        String o = other == null ? null : other.toString();
        Errno e = Errno.of(errno);
        if (e == Errno.EROFS && file != null && file.getFileSystem().isReadOnly()) {
            throw new ReadOnlyFileSystemException();
        }
        if (e == null) {
            return new FileSystemException(f, o, "errno " + errno);
        }
        return switch (e) {
            case EACCES -> new AccessDeniedException(f, o, null);
            case ENOENT -> new NoSuchFileException(f, o, null);
            case EEXIST -> new FileAlreadyExistsException(f, o, null);
            case ELOOP -> new FileSystemException(f, o,
                    e.description() + " or unable to access attributes of symbolic link");
            default -> new FileSystemException(f, o, e.description());
        };
    }

    static boolean is(IOException e, Errno errno) {
        return e instanceof ErrnoException x && x.is(errno);
    }

    /** The errno number of {@code e}, or 0 when it is not an ErrnoException. */
    static int errno(IOException e) {
        return e instanceof ErrnoException x ? x.errno() : 0;
    }
}
