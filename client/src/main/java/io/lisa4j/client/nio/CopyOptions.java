package io.lisa4j.client.nio;

import java.nio.file.CopyOption;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;

/** Copy and move options, accepted and refused as the JDK's Unix provider does. */
record CopyOptions(boolean replaceExisting, boolean copyAttributes, boolean followLinks, boolean atomicMove) {

    static CopyOptions forCopy(CopyOption... options) {
        boolean replace = false, attributes = false, follow = true;
        for (CopyOption option : options) {
            if (option == StandardCopyOption.REPLACE_EXISTING) {
                replace = true;
            } else if (option == StandardCopyOption.COPY_ATTRIBUTES) {
                attributes = true;
            } else if (option == LinkOption.NOFOLLOW_LINKS) {
                follow = false;
            } else if (option == null) {
                throw new NullPointerException();
            } else {
                throw new UnsupportedOperationException("Unsupported copy option");
            }
        }
        return new CopyOptions(replace, attributes, follow, false);
    }

    /** A move copies every attribute and never follows a symlink it moves. */
    static CopyOptions forMove(CopyOption... options) {
        boolean replace = false, atomic = false;
        for (CopyOption option : options) {
            if (option == StandardCopyOption.ATOMIC_MOVE) {
                atomic = true;
            } else if (option == StandardCopyOption.REPLACE_EXISTING) {
                replace = true;
            } else if (option == null) {
                throw new NullPointerException();
            } else if (option != LinkOption.NOFOLLOW_LINKS) {
                throw new UnsupportedOperationException("Unsupported option: " + option);
            }
        }
        return new CopyOptions(replace, true, false, atomic);
    }
}
