package io.lisa4j.client.nio;

import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.Timestamp;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The basic, owner and posix views of one path: reading is one STAT, every change one SETATTR
 * (times together, as one utimensat; a time left null is left unchanged).
 */
final class RemoteAttributeView implements PosixFileAttributeView {
    private final Lisa4jPath path;
    private final boolean followLinks;
    private final String name;

    RemoteAttributeView(Lisa4jPath path, boolean followLinks, String name) {
        this.path = path;
        this.followLinks = followLinks;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RemoteAttributes readAttributes() throws IOException {
        return new RemoteAttributes(Stat.of(path, followLinks));
    }

    /** Creation time cannot be set on Linux; the JDK ignores it there too. */
    @Override
    public void setTimes(FileTime lastModifiedTime, FileTime lastAccessTime, FileTime createTime) throws IOException {
        AttrChange change = AttrChange.none();
        if (lastModifiedTime != null) {
            change = change.withMtime(Timestamp.of(lastModifiedTime.toInstant()));
        }
        if (lastAccessTime != null) {
            change = change.withAtime(Timestamp.of(lastAccessTime.toInstant()));
        }
        if (change.mask() != 0) {
            apply(change);
        }
    }

    @Override
    public void setPermissions(Set<PosixFilePermission> perms) throws IOException {
        apply(AttrChange.none().withMode(Modes.mode(perms)));
    }

    @Override
    public void setOwner(UserPrincipal owner) throws IOException {
        apply(AttrChange.none().withUid(NumericPrincipal.idOf(owner)));
    }

    @Override
    public void setGroup(GroupPrincipal group) throws IOException {
        apply(AttrChange.none().withGid(NumericPrincipal.idOf(group)));
    }

    @Override
    public UserPrincipal getOwner() throws IOException {
        return readAttributes().owner();
    }

    /** One SETATTR; a field the server could not apply fails the call with that field's errno. */
    void apply(AttrChange change) throws IOException {
        try {
            var fs = path.getFileSystem().remote();
            if (followLinks) {
                fs.setattr(path.remote(), change);
            } else {
                fs.lsetattr(path.remote(), change);
            }
        } catch (IOException e) {
            throw Errors.translate(e, path, null);
        }
    }
}
