package io.lisa4j.client.nio;

import static io.lisa4j.protocol.ProtocolConstants.AT_REMOVEDIR;

import io.lisa4j.protocol.Errno;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;

/**
 * Removing a directory entry: UNLINK, and only when that answers EISDIR a second UNLINK with
 * AT_REMOVEDIR, so a file costs one RPC and a directory two, with no STAT to choose.
 */
final class Remover {
    private final Lisa4jPath path;

    Remover(Lisa4jPath path) {
        this.path = path;
    }

    /** Removes whatever is there; false when nothing was, unless {@code failIfMissing}. */
    boolean deleteAny(boolean failIfMissing) throws IOException {
        try {
            unlink(0);
            return true;
        } catch (IOException e) {
            if (!failIfMissing && Errors.is(e, Errno.ENOENT)) {
                return false;
            }
            if (!Errors.is(e, Errno.EISDIR)) {
                throw Errors.translate(e, path, null);
            }
        }
        try {
            unlink(AT_REMOVEDIR);
            return true;
        } catch (IOException e) {
            if (!failIfMissing && Errors.is(e, Errno.ENOENT)) {
                return false;
            }
            throw directoryFailure(e);
        }
    }

    /** Removes an entry whose type is known: one UNLINK. */
    void deleteKnown(boolean isDirectory) throws IOException {
        try {
            unlink(isDirectory ? AT_REMOVEDIR : 0);
        } catch (IOException e) {
            if (!Errors.is(e, Errno.ENOENT)) {
                throw isDirectory ? directoryFailure(e) : Errors.translate(e, path, null);
            }
        }
    }

    private IOException directoryFailure(IOException e) {
        if (Errors.is(e, Errno.ENOTEMPTY) || Errors.is(e, Errno.EEXIST)) {
            return new DirectoryNotEmptyException(path.toString());
        }
        return Errors.translate(e, path, null);
    }

    private void unlink(int flags) throws IOException {
        path.getFileSystem().remote().unlink(path.remote(), flags);
    }

    /** Best-effort removal of a file left behind by a failed copy. */
    static void quietly(Lisa4jPath path) {
        try {
            path.getFileSystem().remote().unlink(path.remote(), 0);
        } catch (IOException | RuntimeException ignored) {
            // nothing more to do
        }
    }
}
