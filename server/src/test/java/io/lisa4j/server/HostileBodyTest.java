package io.lisa4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.server.TestServer.Transport;
import io.lisa4j.server.spi.ExportSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bodies that are not valid FlatBuffers are refused with EBADMSG before decoding; the connection lives on. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdBaseline.class)
class HostileBodyTest {
    @TempDir
    Path dir;

    @Test
    void malformedBodiesAreBadMessagesAndTheConnectionSurvives() throws Exception {
        Path export = Files.createDirectories(dir.resolve("export"));
        try (TestServer server = TestServer.start(dir, List.of(ExportSpec.host("t", export.toString(), false)),
                Limits.DEFAULT);
                RawClient client = server.connect(Transport.UNIX)) {
            client.hello();
            int fsid = client.mount("t");
            // Root offset far outside the body; a vtable before the body; a vector length of 2^31-1.
            for (ByteBuffer bad : List.of(le(4, 1_000_000), le(4, 8, 0, -1_000), le(4, 8, 0x0004_0006, 12,
                    0x7fff_ffff))) {
                for (int opcode : new int[] {Opcode.Stat, Opcode.Open, Opcode.Rename, Opcode.Close, Opcode.Pread}) {
                    assertEquals(Errno.EBADMSG.number(), client.call(opcode, fsid, bad).status(),
                            "opcode " + opcode);
                }
                assertEquals(Errno.EBADMSG.number(), client.call(Opcode.Mount, 0, bad).status());
            }
            assertEquals(0, client.call(Opcode.Ping, 0, null).status());
            assertEquals(0, client.call(Opcode.Stat, fsid, Bodies.stat(0, "", false)).status());
        }
    }

    @Test
    void aMalformedHelloIsABadMessage() throws Exception {
        try (TestServer server = TestServer.start(dir); RawClient client = server.connect(Transport.TCP)) {
            assertEquals(Errno.EBADMSG.number(), client.call(Opcode.Hello, 0, le(4, 77)).status());
            client.hello();
        }
    }

    private static ByteBuffer le(int... words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putInt(w);
        }
        return b.flip();
    }
}
