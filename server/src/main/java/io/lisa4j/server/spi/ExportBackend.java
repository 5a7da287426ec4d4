package io.lisa4j.server.spi;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import java.util.List;

/**
 * One exported filesystem tree, as the protocol sees it: every path-based operation of the
 * message catalogue, one method each, with the syscall's semantics. Implementations must never
 * let a lookup reach anything outside the export, must be safe for concurrent use, and report
 * failures as Linux errnos. A walk in {@code STOP} mode that meets a symlink it would follow, or
 * a ".." above the root, throws {@link StoppedException}.
 *
 * <p>Handle-based operations live on the {@link BackendFile}s this interface opens.
 */
public interface ExportBackend extends AutoCloseable {

    /** Whether the export refuses every mutation with EROFS. */
    boolean readOnly();

    FileAttr rootAttr() throws ErrnoException;

    FileAttr stat(Lookup at, boolean nofollow) throws ErrnoException, StoppedException;

    /** openat(2) with O_CREAT/O_EXCL/O_TRUNC/O_APPEND/O_DIRECTORY/O_NOFOLLOW/O_PATH honoured. */
    Opened open(Lookup at, int flags, int mode) throws ErrnoException, StoppedException;

    Entry mkdir(Lookup at, int mode) throws ErrnoException, StoppedException;

    /** Creates a regular file, FIFO or socket; device nodes only where the export allows them (else EPERM). */
    Entry mknod(Lookup at, int mode, int rdevMajor, int rdevMinor) throws ErrnoException, StoppedException;

    Entry symlink(Lookup at, byte[] target) throws ErrnoException, StoppedException;

    /**
     * linkat(2): {@code follow} is AT_SYMLINK_FOLLOW. Returns the linked object and the new parent.
     * A stop while walking {@code newPath} counts its component index after {@code existing}'s
     * components, as does RENAME's for {@code to} (PROTOCOL.md §6.3).
     */
    Entry link(Lookup existing, Lookup newPath, boolean follow) throws ErrnoException, StoppedException;

    byte[] readlink(Lookup at) throws ErrnoException, StoppedException;

    /** unlinkat(2) with {@code flags} 0 or AT_REMOVEDIR; returns the parent directory afterwards. */
    FileAttr unlink(Lookup at, int flags) throws ErrnoException, StoppedException;

    RenameResult rename(Lookup from, Lookup to, int flags) throws ErrnoException, StoppedException;

    SetAttrResult setattr(Lookup at, boolean nofollow, SetAttrSpec spec) throws ErrnoException, StoppedException;

    FsStat statfs(Lookup at) throws ErrnoException, StoppedException;

    /** faccessat2(2) with the server's own credentials (or the delegated ones). */
    void access(Lookup at, int mode, int flags) throws ErrnoException, StoppedException;

    byte[] getxattr(Lookup at, boolean nofollow, byte[] name) throws ErrnoException, StoppedException;

    FileAttr setxattr(Lookup at, boolean nofollow, byte[] name, byte[] value, int flags)
            throws ErrnoException, StoppedException;

    List<byte[]> listxattr(Lookup at, boolean nofollow) throws ErrnoException, StoppedException;

    FileAttr removexattr(Lookup at, boolean nofollow, byte[] name) throws ErrnoException, StoppedException;

    /** Releases the export root; files still open stay usable until closed. */
    @Override
    void close();
}
