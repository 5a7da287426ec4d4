package io.lisa4j.fuse;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;

/**
 * The native struct behind one of jfuse's wrappers (Stat, Statvfs, FileInfo). jfuse's interfaces
 * leave out fields a network file system must fill (st_ino, st_blocks, st_rdev, f_files...); its
 * Linux wrappers are records over the struct, so the struct itself is one accessor away.
 */
final class JfuseSegments {
    private JfuseSegments() {}

    static MemorySegment of(Object wrapper) {
        try {
            Method accessor = wrapper.getClass().getDeclaredMethod("segment");
            accessor.setAccessible(true);
            return (MemorySegment) accessor.invoke(wrapper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("jfuse wrapper " + wrapper.getClass() + " has no segment()", e);
        }
    }
}
