package io.lisa4j.fuse;

import java.lang.foreign.MemorySegment;
import org.cryptomator.jfuse.api.FuseConfig;
import org.cryptomator.jfuse.linux.amd64.extr.fuse3.fuse_config;

/**
 * libfuse 3 takes use_ino and the cache timeouts from {@code struct fuse_config} in init, no longer
 * from -o; jfuse's FuseConfig only reads it, so this writes the struct.
 */
final class FuseConfigs {
    private FuseConfigs() {}

    static void apply(FuseConfig config, MountOptions options) {
        MemorySegment c = JfuseSegments.of(config);
        fuse_config.use_ino(c, 1);
        fuse_config.attr_timeout(c, options.attrTimeout());
        fuse_config.entry_timeout(c, options.entryTimeout());
        fuse_config.negative_timeout(c, options.entryTimeout());
    }
}
