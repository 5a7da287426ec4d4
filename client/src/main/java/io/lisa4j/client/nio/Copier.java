package io.lisa4j.client.nio;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_ATIME;
import static io.lisa4j.protocol.ProtocolConstants.SETATTR_MTIME;

import io.lisa4j.client.ReadResult;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.SetAttrException;
import io.lisa4j.client.SetAttrResult;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.FieldFailure;
import io.lisa4j.protocol.value.FileAttr;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;

/**
 * Files.copy between paths of lisa4j file systems (one or two), with the JDK's semantics. A file
 * costs OPEN source, OPEN target (created exclusively), PREAD/PWRITE pairs and one CLOSE of both;
 * the source's OPEN doubles as its stat. REPLACE_EXISTING adds an LSTAT of the target (and its
 * removal when it exists); COPY_ATTRIBUTES one FSETATTR.
 */
final class Copier {
    private final Lisa4jPath source;
    private final Lisa4jPath target;
    private final CopyOptions options;
    private final RemoteFs from;
    private final RemoteFs to;

    Copier(Lisa4jPath source, Lisa4jPath target, CopyOptions options) {
        this.source = source;
        this.target = target;
        this.options = options;
        this.from = source.getFileSystem().remote();
        this.to = target.getFileSystem().remote();
    }

    void copy() throws IOException {
        RemoteFile in;
        try {
            in = from.open(source.remote(), O_RDONLY | (options.followLinks() ? 0 : O_NOFOLLOW), 0);
        } catch (IOException e) {
            if (!options.followLinks() && Errors.is(e, Errno.ELOOP)) {
                copyLink(Stat.fresh(source, false));
                return;
            }
            throw notFoundIfNotDir(e, source);
        }
        try {
            FileAttr attr = in.attr();
            if (options.replaceExisting() && !clearTarget(attr)) {
                return;
            }
            if (attr.isDirectory()) {
                copyDirectory(attr);
            } else {
                copyFile(in, attr);
            }
        } finally {
            in.close();
        }
    }

    private static IOException notFoundIfNotDir(IOException e, Lisa4jPath path) {
        return Errors.is(e, Errno.ENOTDIR) ? Errors.translate(Errno.ENOENT.number(), path, null)
                : Errors.translate(e, path, null);
    }

    /** Removes an existing target; false when it is the source itself, so there is nothing to do. */
    private boolean clearTarget(FileAttr sourceAttr) throws IOException {
        FileAttr existing = Stat.ifExists(target, false);
        if (existing == null) {
            return true;
        }
        if (sameFile(sourceAttr, existing)) {
            return false;
        }
        new Remover(target).deleteKnown(existing.isDirectory());
        return true;
    }

    private boolean sameFile(FileAttr a, FileAttr b) {
        return source.getFileSystem() == target.getFileSystem() && a.ino() == b.ino()
                && a.devMajor() == b.devMajor() && a.devMinor() == b.devMinor();
    }

    /** EEXIST from creating the target: the JDK does nothing when the target is the source itself. */
    private boolean targetIsSource(IOException e, FileAttr sourceAttr) throws IOException {
        if (!Errors.is(e, Errno.EEXIST)) {
            return false;
        }
        FileAttr existing = Stat.ifExists(target, false);
        if (existing != null && sameFile(sourceAttr, existing)) {
            return true;
        }
        throw new FileAlreadyExistsException(target.toString());
    }

    private void copyDirectory(FileAttr attr) throws IOException {
        try {
            to.mkdir(target.remote(), target.getFileSystem().creationMode(attr.permissions()));
        } catch (IOException e) {
            if (targetIsSource(e, attr)) {
                return;
            }
            throw Errors.translate(e, target, null);
        }
        if (options.copyAttributes()) {
            applied(() -> to.setattr(target.remote(), attributesOf(attr)));
        }
    }

    private void copyLink(FileAttr attr) throws IOException {
        if (options.replaceExisting() && !clearTarget(attr)) {
            return;
        }
        byte[] link;
        try {
            link = from.readlink(source.remote());
        } catch (IOException e) {
            throw Errors.translate(e, source, null);
        }
        try {
            to.symlink(link, target.remote());
        } catch (IOException e) {
            if (targetIsSource(e, attr)) {
                return;
            }
            throw Errors.translate(e, target, null);
        }
        if (options.copyAttributes()) {
            applied(() -> to.lsetattr(target.remote(),
                    AttrChange.none().withAtime(attr.atime()).withMtime(attr.mtime())));
        }
    }

    private void copyFile(RemoteFile in, FileAttr attr) throws IOException {
        RemoteFile out;
        try {
            out = to.open(target.remote(), O_WRONLY | O_CREAT | O_EXCL,
                    target.getFileSystem().creationMode(attr.permissions()));
        } catch (IOException e) {
            if (targetIsSource(e, attr)) {
                return;
            }
            throw Errors.translate(e, target, null);
        }
        boolean done = false;
        try {
            copyData(in, out);
            if (options.copyAttributes()) {
                applied(() -> out.fsetattr(attributesOf(attr)));
            }
            done = true;
        } finally {
            closeBoth(in, out);
            if (!done) {
                Remover.quietly(target);
            }
        }
    }

    /** One CLOSE for both handles when they share a mount; the caller's close of {@code in} then sends nothing. */
    private void closeBoth(RemoteFile in, RemoteFile out) throws IOException {
        if (from == to) {
            to.closeAll(in, out);
        } else {
            out.close();
        }
    }

    private void copyData(RemoteFile in, RemoteFile out) throws IOException {
        int chunk = Math.min(source.getFileSystem().session().maxDataPerRpc(),
                target.getFileSystem().session().maxDataPerRpc());
        long offset = 0;
        while (true) {
            ReadResult r;
            try {
                r = in.pread(offset, chunk);
            } catch (IOException e) {
                throw Errors.translate(e, source, null);
            }
            int written = 0;
            while (written < r.count()) {
                try {
                    int n = out.pwrite(offset + written, ByteBuffer.wrap(r.data(), written, r.count() - written))
                            .written();
                    if (n == 0) {
                        throw Errors.translate(Errno.EIO.number(), target, null);
                    }
                    written += n;
                } catch (IOException e) {
                    throw Errors.translate(e, target, null);
                }
            }
            offset += r.count();
            if (r.eof()) {
                return;
            }
        }
    }

    /** Owner, mode and times of {@code attr}, as COPY_ATTRIBUTES copies them. */
    private static AttrChange attributesOf(FileAttr attr) {
        return AttrChange.none().withUid(attr.uid()).withGid(attr.gid()).withMode(attr.permissions())
                .withAtime(attr.atime()).withMtime(attr.mtime());
    }

    /** Only the times must be copied; owner and mode are best effort, as in the JDK. */
    private void applied(SetAttrCall call) throws IOException {
        SetAttrResult result;
        try {
            result = call.run();
        } catch (SetAttrException partial) {
            result = partial.result();
        } catch (IOException e) {
            throw Errors.translate(e, target, null);
        }
        for (FieldFailure f : result.failures()) {
            if ((f.field() & (SETATTR_ATIME | SETATTR_MTIME)) != 0) {
                throw Errors.translate(f.errno(), target, null);
            }
        }
    }

    private interface SetAttrCall {
        SetAttrResult run() throws IOException;
    }
}
