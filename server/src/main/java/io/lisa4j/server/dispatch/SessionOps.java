package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.message.ReplyBodies;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.MountRequest;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.export.ExportRegistry;
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
        ExportBackend configured = exports.find(name);
        if (configured == null) {
            throw new ErrnoException(Errno.ENOENT, "no export " + new String(name, StandardCharsets.UTF_8));
        }
        ExportBackend backend = authorizer.authorize(new String(name, StandardCharsets.UTF_8), configured,
                c.session().identity());
        return () -> {
            FileAttr root = backend.rootAttr();
            Mount mount = c.session().mounts().add(new String(name, StandardCharsets.UTF_8), backend);
            return Reply.ok(ReplyBodies.mount(mount.fsid(), root, backend.readOnly()));
        };
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
