package io.lisa4j.fuse;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.StoppedException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/** Runs one FUSE operation and turns its outcome into what libfuse expects: 0 or more, or -errno. */
final class FuseErrors {
    private static final Logger LOG = System.getLogger(FuseErrors.class.getName());

    /** A FUSE operation body: returns its non-negative result or throws. */
    @FunctionalInterface
    interface Op {
        int run() throws IOException;
    }

    private FuseErrors() {}

    static int guard(String name, Op op) {
        try {
            return op.run();
        } catch (ErrnoException e) {
            return -e.errno();
        } catch (StoppedException e) {
            // IN_ROOT never stops; a server that does anyway has broken its promise.
            return -Errno.EIO.number();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "FUSE " + name + " failed", e);
            return -Errno.EIO.number();
        }
    }
}
