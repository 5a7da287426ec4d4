package io.lisa4j.client.nio;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.value.FileAttr;
import java.io.IOException;

/** Reading a path's attributes: one STAT, or none when a directory listing has just delivered them. */
final class Stat {
    private Stat() {}

    static FileAttr of(Lisa4jPath path, boolean followLinks) throws IOException {
        ListedAttributes listed = path.listed();
        FileAttr attr = listed == null ? null : listed.take(followLinks);
        if (attr != null) {
            return attr;
        }
        return fresh(path, followLinks);
    }

    /** One STAT; ENOTDIR on the way reads as NoSuchFileException, as in the JDK. */
    static FileAttr fresh(Lisa4jPath path, boolean followLinks) throws IOException {
        try {
            var fs = path.getFileSystem().remote();
            return followLinks ? fs.stat(path.remote()) : fs.lstat(path.remote());
        } catch (IOException e) {
            int errno = Errors.errno(e);
            if (errno == 0) {
                throw e;
            }
            throw Errors.translate(errno == Errno.ENOTDIR.number() ? Errno.ENOENT.number() : errno, path, null);
        }
    }

    /** The attributes, or null when the file does not exist. */
    static FileAttr ifExists(Lisa4jPath path, boolean followLinks) throws IOException {
        try {
            return of(path, followLinks);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
