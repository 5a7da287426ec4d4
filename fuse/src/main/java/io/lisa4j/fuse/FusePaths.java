package io.lisa4j.fuse;

import io.lisa4j.client.RemotePath;

/** FUSE's absolute paths within the mount ("/", "/a/b") as paths from the export root. */
final class FusePaths {
    private FusePaths() {}

    static RemotePath of(String fusePath) {
        return fusePath.equals("/") ? RemotePath.root() : RemotePath.of(fusePath);
    }
}
