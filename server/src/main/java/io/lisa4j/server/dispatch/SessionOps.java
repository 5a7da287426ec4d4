package io.lisa4j.server.dispatch;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.MountRequest;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.export.ExportRegistry;
import io.lisa4j.server.session.Mount;
import io.lisa4j.server.spi.ExportBackend;
import java.nio.charset.StandardCharsets;

/** MOUNT, UMOUNT and PING (PROTOCOL.md §8.1); HELLO is the transport's, as it changes the framing. */
final class SessionOps {
    /** Export names are operator-chosen words; anything longer is certainly not one of them. */
    private static final int MAX_EXPORT_NAME = 4096;

    private final ExportRegistry exports;

    SessionOps(ExportRegistry exports) {
        this.exports = exports;
    }

    Action mount(Call c) throws ErrnoException {
        MountRequest r = MountRequest.getRootAsMountRequest(c.body());
        byte[] name = WireValues.boundedBytes(r.exportNameAsByteBuffer(), MAX_EXPORT_NAME, Errno.ENOENT, "export name");
        ExportBackend backend = exports.find(name);
        if (backend == null) {
            throw new ErrnoException(Errno.ENOENT, "no export " + new String(name, StandardCharsets.UTF_8));
        }
        return () -> {
            FileAttr root = backend.rootAttr();
            Mount mount = c.session().mounts().add(new String(name, StandardCharsets.UTF_8), backend);
            FlatBufferBuilder b = new FlatBufferBuilder(192);
            MountReply.startMountReply(b);
            MountReply.addFsid(b, Integer.toUnsignedLong(mount.fsid()));
            MountReply.addRoot(b, WireValues.attr(b, root));
            MountReply.addReadOnly(b, backend.readOnly());
            return Reply.ok(b, MountReply.endMountReply(b));
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
