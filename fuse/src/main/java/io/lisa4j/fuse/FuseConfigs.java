package io.lisa4j.fuse;

import java.lang.foreign.MemorySegment;
import org.cryptomator.jfuse.api.FuseConfig;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.fuse_config;

/**
 * libfuse 3 takes use_ino and the cache timeouts from {@code struct fuse_config} in init, no longer
 * from -o; jfuse's FuseConfig only reads it, so this writes the struct.
 *
 * <p>Only fields at the start of the struct are written: jfuse 0.7.3's layout of it comes from a
 * newer libfuse than some that run it (3.14 has no_rofd_flush after auto_cache, so from
 * ac_attr_timeout_set on, nullpath_ok included, its offsets differ from jfuse's).
 */
final class FuseConfigs {
    /**
     * libfuse's hard_remove, off in a mount: an unlinked file still open is renamed to
     * {@code .fuse_hidden*} instead, so that fstat of it, which the kernel sends without the handle,
     * still has a path. Tests turn it on to get open files whose node has no name.
     */
    static volatile boolean hardRemove;

    private FuseConfigs() {}

    static void apply(FuseConfig config, MountOptions options) {
        MemorySegment c = JfuseSegments.of(config);
        fuse_config.use_ino(c, 1);
        fuse_config.hard_remove(c, hardRemove ? 1 : 0);
        fuse_config.attr_timeout(c, options.attrTimeout());
        fuse_config.entry_timeout(c, options.entryTimeout());
        fuse_config.negative_timeout(c, options.entryTimeout());
    }
}
