package io.lisa4j.client.nio;

import static io.lisa4j.protocol.ProtocolConstants.O_APPEND;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static io.lisa4j.protocol.ProtocolConstants.O_TRUNC;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;

import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * NIO open options as open(2) flags, with the JDK's rules (sun.nio.fs.UnixChannelFactory): READ
 * by default, APPEND implies WRITE, CREATE and TRUNCATE_EXISTING only count when writing, and
 * NOFOLLOW_LINKS (or DELETE_ON_CLOSE) adds O_NOFOLLOW unless CREATE_NEW.
 */
record OpenFlags(int flags, boolean read, boolean write, boolean append, boolean followLinks,
        boolean deleteOnClose, boolean sync) {

    static OpenFlags of(Set<? extends OpenOption> options) {
        boolean read = false, write = false, append = false, truncate = false, create = false, createNew = false;
        boolean noFollow = false, deleteOnClose = false, sync = false;
        for (OpenOption option : options) {
            if (option == null) {
                throw new NullPointerException();
            }
            if (option == LinkOption.NOFOLLOW_LINKS) {
                noFollow = true;
                continue;
            }
            if (!(option instanceof StandardOpenOption standard)) {
                throw new UnsupportedOperationException(option + " not supported");
            }
            switch (standard) {
                case READ -> read = true;
                case WRITE -> write = true;
                case APPEND -> append = true;
                case TRUNCATE_EXISTING -> truncate = true;
                case CREATE -> create = true;
                case CREATE_NEW -> createNew = true;
                case DELETE_ON_CLOSE -> deleteOnClose = true;
                case SYNC, DSYNC -> sync = true;
                case SPARSE -> { }
            }
        }
        if (!read && !write) {
            if (append) {
                write = true;
            } else {
                read = true;
            }
        }
        if (read && append) {
            throw new IllegalArgumentException("READ + APPEND not allowed");
        }
        if (append && truncate) {
            throw new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed");
        }
        int flags = read && write ? O_RDWR : write ? O_WRONLY : O_RDONLY;
        if (write) {
            flags |= (truncate ? O_TRUNC : 0) | (append ? O_APPEND : 0);
            flags |= createNew ? O_CREAT | O_EXCL : create ? O_CREAT : 0;
        }
        boolean follow = createNew || !(noFollow || deleteOnClose);
        if (!follow) {
            flags |= O_NOFOLLOW;
        }
        return new OpenFlags(flags, read, write, append, follow, deleteOnClose, sync);
    }

    boolean createNew() {
        return (flags & O_EXCL) != 0;
    }
}
