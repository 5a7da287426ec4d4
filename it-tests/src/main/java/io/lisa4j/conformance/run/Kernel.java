package io.lisa4j.conformance.run;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.host.sys.Sys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The host kernel as the oracle: what statx says about a host path, compared with a reply's Attr. */
public final class Kernel {
    private Kernel() {}

    public static FileAttr lstat(Path p) throws ErrnoException {
        return Sys.statx(Sys.AT_FDCWD, p.toString().getBytes(StandardCharsets.UTF_8), Sys.AT_SYMLINK_NOFOLLOW);
    }

    /** The fields a reply must report as the kernel does: type, mode, ino, nlink, owner, size, mtime. */
    public static void matches(String what, FileAttr kernel, FileAttr remote) {
        if (remote == null) {
            throw new CaseFailure("expected " + what + " attributes, got none");
        }
        Check.eq(what + " mode", Integer.toOctalString(kernel.mode()), Integer.toOctalString(remote.mode()));
        Check.eq(what + " ino", kernel.ino(), remote.ino());
        Check.eq(what + " nlink", kernel.nlink(), remote.nlink());
        Check.eq(what + " uid", kernel.uid(), remote.uid());
        Check.eq(what + " gid", kernel.gid(), remote.gid());
        Check.eq(what + " size", kernel.size(), remote.size());
        Check.eq(what + " mtime", kernel.mtime(), remote.mtime());
    }
}
