package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.message.ReplyBodies;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.MountRequest;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.log.Log;
import io.lisa4j.server.security.MountAuthorizer;
import io.lisa4j.server.session.Mount;
import io.lisa4j.server.spi.ExportBackend;
import java.nio.charset.StandardCharsets;

/** MOUNT, UMOUNT and PING (PROTOCOL.md §8.1); HELLO is the transport's, as it changes the framing. */
final class SessionOps {
    /** Export names are operator-chosen words; anything longer is certainly not one of them. */
    private static final int MAX_EXPORT_NAME = 4096;

    private final ExportRegistry exports;
    private final MountAuthorizer authorizer;

    SessionOps(ExportRegistry exports, MountAuthorizer authorizer) {
        this.exports = exports;
        this.authorizer = authorizer;
    }

    Action mount(Call c) throws ErrnoException {
        MountRequest r = MountRequest.getRootAsMountRequest(c.body());
        byte[] name = WireValues.boundedBytes(r.exportNameAsByteBuffer(), MAX_EXPORT_NAME, Errno.ENOENT, "export name");
        String export = new String(name, StandardCharsets.UTF_8);
        ExportBackend configured = exports.find(name);
        if (configured == null) {
            refused(c, export, Errno.ENOENT, "no such export");
            throw new ErrnoException(Errno.ENOENT, "no export " + export);
        }
        ExportBackend backend;
        try {
            backend = authorizer.authorize(export, configured, c.session().identity());
        } catch (ErrnoException e) {
            refused(c, export, Errno.EACCES, "not granted to this identity");
            throw e;
        }
        return () -> {
            FileAttr root = backend.rootAttr();
            Mount mount = c.session().mounts().add(export, backend);
            Log.info("mount", "peer", c.session().peer(), "identity", c.session().identity(), "export", export,
                    "fsid", Integer.toUnsignedString(mount.fsid()), "access", backend.readOnly() ? "ro" : "rw");
            return Reply.ok(ReplyBodies.mount(mount.fsid(), root, backend.readOnly()));
        };
    }

    /** One line per refused MOUNT, naming the export asked for (cut short: a client chose it). */
    private static void refused(Call c, String export, Errno errno, String reason) {
        Log.info("mount_refused", "peer", c.session().peer(), "identity", c.session().identity(), "export",
                export.length() > 200 ? export.substring(0, 200) + "..." : export, "status", errno.name(),
                "reason", reason);
    }

    static Action umount(Call c) {
        return () -> {
            c.session().mounts().remove(c.fsid());
            c.session().handles().closeFsid(c.fsid());
            return Reply.ok();
        };
    }

    static Action ping(Call c) {
        return Reply::ok;
    }
}
