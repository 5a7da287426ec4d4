package io.lisa4j.client.nio;

import io.lisa4j.protocol.value.FileAttr;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * The attributes of a file on a lisa4j file system: the POSIX view plus everything STAT reported
 * (inode, device, link count, ctime, birth time, blocks...). Read with
 * {@code Files.readAttributes(path, Lisa4jFileAttributes.class)}, or by name as {@code "lisa4j:*"}.
 * Owners and groups are host ids; their names are the numbers.
 */
public interface Lisa4jFileAttributes extends PosixFileAttributes {
    /** The statx view of the file, as the server read it. */
    FileAttr attr();
}
