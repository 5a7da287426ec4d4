package io.lisa4j.client.nio;

import static io.lisa4j.protocol.ProtocolConstants.RENAME_NOREPLACE;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.value.FileAttr;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;

/**
 * Files.move with the JDK's semantics. Within one file system it is one RENAME: with
 * RENAME_NOREPLACE unless REPLACE_EXISTING or ATOMIC_MOVE. The corner cases where rename(2) and
 * the JDK disagree cost more, and only when they occur: a target that is the source itself, or a
 * target of the other kind (file over directory and back), which the JDK removes first. Between
 * two lisa4j file systems a move is a copy and a delete, as between providers.
 */
final class Mover {
    private final Lisa4jPath source;
    private final Lisa4jPath target;
    private final CopyOptions options;

    Mover(Lisa4jPath source, Lisa4jPath target, CopyOptions options) {
        this.source = source;
        this.target = target;
        this.options = options;
    }

    void move() throws IOException {
        if (source.getFileSystem() != target.getFileSystem()) {
            moveAcross();
            return;
        }
        if (options.atomicMove()) {
            try {
                rename(0);
            } catch (IOException e) {
                if (Errors.is(e, Errno.EXDEV)) {
                    throw new AtomicMoveNotSupportedException(source.toString(), target.toString(),
                            Errno.EXDEV.description());
                }
                throw Errors.translate(e, source, target);
            }
            return;
        }
        try {
            rename(options.replaceExisting() ? 0 : RENAME_NOREPLACE);
        } catch (IOException e) {
            recover(e);
        }
    }

    private void recover(IOException e) throws IOException {
        if (Errors.is(e, Errno.EEXIST) && !options.replaceExisting()) {
            if (!sameFile()) {
                throw new FileAlreadyExistsException(target.toString());
            }
            return;
        }
        if (options.replaceExisting() && Errors.is(e, Errno.ENOTEMPTY)) {
            throw new DirectoryNotEmptyException(target.toString());
        }
        if (options.replaceExisting() && (Errors.is(e, Errno.EISDIR) || Errors.is(e, Errno.ENOTDIR))) {
            FileAttr existing = Stat.ifExists(target, false);
            if (existing != null) {
                new Remover(target).deleteKnown(existing.isDirectory());
                try {
                    rename(0);
                    return;
                } catch (IOException again) {
                    throw Errors.translate(again, source, target);
                }
            }
        }
        throw Errors.translate(e, source, target);
    }

    private boolean sameFile() throws IOException {
        FileAttr a = Stat.ifExists(source, false);
        FileAttr b = Stat.ifExists(target, false);
        return a != null && b != null && a.ino() == b.ino() && a.devMajor() == b.devMajor()
                && a.devMinor() == b.devMinor();
    }

    private void rename(int flags) throws IOException {
        source.getFileSystem().remote().rename(source.remote(), target.remote(), flags);
    }

    private void moveAcross() throws IOException {
        if (options.atomicMove()) {
            throw new AtomicMoveNotSupportedException(source.toString(), target.toString(),
                    "the paths are in different file systems");
        }
        new Copier(source, target, new CopyOptions(options.replaceExisting(), true, false, false)).copy();
        try {
            new Remover(source).deleteAny(true);
        } catch (IOException e) {
            Remover.quietly(target);
            throw e;
        }
    }
}
