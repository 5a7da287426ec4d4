package io.lisa4j.server.fuzz;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_DIRECTORY;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static io.lisa4j.protocol.ProtocolConstants.O_TRUNC;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.PathSpec;
import io.lisa4j.protocol.value.ResolveMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns fuzzer bytes into one request: mostly well-formed bodies over names and handles that
 * exist (so calls reach the host), sometimes raw bytes under any opcode.
 */
final class RequestGenerator {
    record Request(int opcode, int fsid, ByteBuffer body, byte[] data) {}

    private static final String[] NAMES = {"a", "b", "file", "slash", "up", "..", ".", "", "new", "x/y", "a\0b",
            "etc", "outside", "canary", "fifo"};
    private static final int[] FLAGS = {0, O_WRONLY, O_RDWR, O_CREAT | O_RDWR, O_CREAT | O_EXCL | O_WRONLY,
            O_TRUNC | O_RDWR, O_PATH, O_DIRECTORY, 0x7fffffff};
    private static final byte[][] TARGETS = {"/".getBytes(), "../..".getBytes(), "../../outside/canary".getBytes(),
            "a".getBytes(), new byte[0]};

    private RequestGenerator() {}

    static Request next(FuzzedDataProvider in, int fsid) {
        int useFsid = in.consumeInt(0, 15) == 0 ? in.consumeInt() : fsid;
        if (in.consumeInt(0, 9) == 0) {
            int opcode = in.consumeInt(0, 90);
            return new Request(opcode, useFsid, ByteBuffer.wrap(in.consumeBytes(in.consumeInt(0, 256))), null);
        }
        PathSpec p = path(in);
        long h = in.consumeLong(0, 8);
        return switch (in.consumeInt(0, 17)) {
            case 0 -> req(Opcode.Stat, useFsid, RequestBodies.stat(p, in.consumeBoolean()));
            case 1 -> req(Opcode.Open, useFsid, RequestBodies.open(p, in.pickValue(FLAGS), 0644));
            case 2 -> req(Opcode.Mkdir, useFsid, RequestBodies.mkdir(p, 0755));
            case 3 -> req(Opcode.Symlink, useFsid, RequestBodies.symlink(p, in.pickValue(TARGETS)));
            case 4 -> req(Opcode.Rename, useFsid, RequestBodies.rename(p, path(in), in.consumeInt(0, 7), 0));
            case 5 -> req(Opcode.Unlink, useFsid, RequestBodies.unlink(p, in.consumeBoolean() ? 0x200 : 0));
            case 6 -> req(Opcode.Link, useFsid, RequestBodies.link(p, path(in), in.consumeBoolean(), 0));
            case 7 -> req(Opcode.Readlink, useFsid, RequestBodies.readlink(p));
            case 8 -> req(Opcode.SetAttr, useFsid, RequestBodies.setAttr(p, in.consumeBoolean(),
                    AttrChange.none().withMode(in.consumeInt(0, 07777)).withSize(in.consumeLong(0, 1 << 20))));
            case 9 -> req(Opcode.SetXattr, useFsid, RequestBodies.setXattr(p, in.consumeBoolean(),
                    in.consumeBytes(in.consumeInt(0, 40)), in.consumeBytes(in.consumeInt(0, 64)), 0));
            case 10 -> req(Opcode.Mknod, useFsid, RequestBodies.mknod(p, in.pickValue(new int[] {010644, 020644,
                    060644, 0100644, 0140644}), 1, 3));
            case 11 -> req(Opcode.Pread, useFsid, RequestBodies.pread(h, in.consumeLong(), in.consumeInt()));
            case 12 -> new Request(Opcode.Pwrite, useFsid, RequestBodies.pwrite(h, in.consumeLong(0, 1 << 20)),
                    in.consumeBytes(in.consumeInt(0, 64)));
            case 13 -> req(Opcode.Getdents, useFsid, RequestBodies.getdents(h, in.consumeLong(), in.consumeInt(), true));
            case 14 -> req(Opcode.Close, useFsid, RequestBodies.close(h, in.consumeLong(0, 8)));
            case 15 -> req(Opcode.Fstat, useFsid, RequestBodies.handle(h));
            case 16 -> req(Opcode.Ftruncate, useFsid, RequestBodies.ftruncate(h, in.consumeLong(0, 1 << 20)));
            default -> req(Opcode.Umount, useFsid, RequestBodies.umount());
        };
    }

    private static Request req(int opcode, int fsid, ByteBuffer body) {
        return new Request(opcode, fsid, body, null);
    }

    private static PathSpec path(FuzzedDataProvider in) {
        int n = in.consumeInt(0, 4);
        List<byte[]> components = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            components.add(in.pickValue(NAMES).getBytes());
        }
        return new PathSpec(in.consumeInt(0, 5) == 0 ? in.consumeLong(0, 8) : 0, components,
                in.consumeBoolean() ? ResolveMode.IN_ROOT : ResolveMode.STOP);
    }
}
