package io.lisa4j.client.nio;

import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.Timestamp;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/** One STAT reply seen through the NIO attribute interfaces, with the JDK's Linux conventions. */
record RemoteAttributes(FileAttr attr) implements Lisa4jFileAttributes {
    /** What the JDK's Unix provider uses as the file key: device and inode. */
    record FileKey(int devMajor, int devMinor, long ino) {
        @Override
        public String toString() {
            return "(dev=" + devMajor + ":" + devMinor + ",ino=" + ino + ")";
        }
    }

    static FileTime time(Timestamp t) {
        return FileTime.from(t.toInstant());
    }

    @Override
    public FileTime lastModifiedTime() {
        return time(attr.mtime());
    }

    @Override
    public FileTime lastAccessTime() {
        return time(attr.atime());
    }

    /** The birth time where the host records one, else the modification time, as the JDK does. */
    @Override
    public FileTime creationTime() {
        return attr.hasBirthTime() ? time(attr.btime()) : lastModifiedTime();
    }

    @Override
    public boolean isRegularFile() {
        return attr.isRegularFile();
    }

    @Override
    public boolean isDirectory() {
        return attr.isDirectory();
    }

    @Override
    public boolean isSymbolicLink() {
        return attr.isSymlink();
    }

    @Override
    public boolean isOther() {
        return !isRegularFile() && !isDirectory() && !isSymbolicLink();
    }

    @Override
    public long size() {
        return attr.size();
    }

    @Override
    public FileKey fileKey() {
        return new FileKey(attr.devMajor(), attr.devMinor(), attr.ino());
    }

    @Override
    public UserPrincipal owner() {
        return NumericPrincipal.user(attr.uid());
    }

    @Override
    public GroupPrincipal group() {
        return NumericPrincipal.group(attr.gid());
    }

    @Override
    public Set<PosixFilePermission> permissions() {
        return Modes.permissions(attr.mode());
    }
}
