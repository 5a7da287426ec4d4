package io.lisa4j.server.cli;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.PathSpec;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the daemon's JDK AOT cache ({@code java -XX:AOTCacheOutput=FILE -cp JAR
 * io.lisa4j.server.cli.AotTraining}, which {@code ./lisa4j} and the container image run once per
 * jar): starts the daemon through {@link Main} as {@code lisa4j serve} would, on a scratch export
 * with metrics on, sends it the requests a client starts with, scrapes its metrics, then stops it.
 * The JVM writes the cache on exit with every class this loaded and linked.
 */
public final class AotTraining {
    private static final String EXPORT = "aot";

    private AotTraining() {}

    /**
     * Exits 0 even when a step failed, after saying so on stderr: the cache then holds what was
     * loaded until then, which is still correct, only less complete.
     */
    public static void main(String[] args) {
        int exit;
        try {
            exit = train();
        } catch (IOException | RuntimeException e) {
            exit = -1;
            System.err.println("lisa4j: AOT training incomplete: " + e);
        }
        if (exit != 0) {
            System.err.println("lisa4j: AOT training: the daemon exited with " + exit);
        }
        System.exit(0);
    }

    private static int train() throws IOException {
        Path scratch = Files.createTempDirectory("lisa4j-aot-");
        try {
            Path export = Files.createDirectories(scratch.resolve("export"));
            Files.createDirectories(export.resolve("dir"));
            Files.writeString(export.resolve("dir").resolve("file.txt"), "lisa4j\n".repeat(1000));
            Path socket = scratch.resolve("aot.sock");
            String[] serve = {"serve", "--export", EXPORT + "=" + export, "--listen", "unix:" + socket,
                "--metrics", "tcp:127.0.0.1:0"};
            Main.prepareProcess(serve);
            return Main.execute(new Main(server -> {
                try {
                    exercise(server, socket);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    server.shutdown();
                }
            }), serve);
        } finally {
            deleteTree(scratch);
        }
    }

    private static void exercise(LisaServer server, Path socket) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            Frames frames = new Frames(ch);
            frames.call(Opcode.Hello, 0, RequestBodies.hello(ProtocolConstants.VERSION, ProtocolConstants.VERSION, 0,
                    ProtocolConstants.DEFAULT_MAX_MESSAGE, "aot-training"));
            frames.call(Opcode.Ping, 0, RequestBodies.ping());
            ByteBuffer mounted = frames.call(Opcode.Mount, 0,
                    RequestBodies.mount(EXPORT.getBytes(StandardCharsets.UTF_8)));
            int fsid = (int) MountReply.getRootAsMountReply(mounted).fsid();
            frames.call(Opcode.Stat, fsid, RequestBodies.stat(path("dir/file.txt"), false));
            long file = handle(frames.call(Opcode.Open, fsid,
                    RequestBodies.open(path("dir/file.txt"), ProtocolConstants.O_RDONLY, 0)));
            frames.call(Opcode.Pread, fsid, RequestBodies.pread(file, 0, 4096));
            frames.call(Opcode.Close, fsid, RequestBodies.close(file));
            long dir = handle(frames.call(Opcode.Open, fsid,
                    RequestBodies.open(path("dir"), ProtocolConstants.O_RDONLY | ProtocolConstants.O_DIRECTORY, 0)));
            frames.call(Opcode.Getdents, fsid, RequestBodies.getdents(dir, 0, 100, true));
            frames.call(Opcode.Close, fsid, RequestBodies.close(dir));
            long created = handle(frames.call(Opcode.Open, fsid, RequestBodies.open(path("dir/new.txt"),
                    ProtocolConstants.O_WRONLY | ProtocolConstants.O_CREAT, 0644)));
            frames.call(Opcode.Pwrite, fsid, RequestBodies.pwrite(created, 0), new byte[4096]);
            frames.call(Opcode.Close, fsid, RequestBodies.close(created));
            frames.call(Opcode.Unlink, fsid, RequestBodies.unlink(path("dir/new.txt"), 0));
            frames.call(Opcode.Mkdir, fsid, RequestBodies.mkdir(path("sub"), 0755));
            frames.call(Opcode.Unlink, fsid, RequestBodies.unlink(path("sub"), ProtocolConstants.AT_REMOVEDIR));
            frames.call(Opcode.Ping, fsid, RequestBodies.ping());
        }
        ListenAddress.Tcp metrics = server.metricsAddress().orElseThrow();
        try (SocketChannel http = SocketChannel.open(new InetSocketAddress(metrics.host(), metrics.port()))) {
            http.write(ByteBuffer.wrap("GET /metrics HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer sink = ByteBuffer.allocate(1 << 16);
            while (http.read(sink.clear()) >= 0) {
                // Read to the end of the reply.
            }
        }
    }

    private static PathSpec path(String relative) {
        List<byte[]> components = new ArrayList<>();
        for (String c : relative.split("/")) {
            components.add(c.getBytes(StandardCharsets.UTF_8));
        }
        return new PathSpec(0, components, ResolveMode.STOP);
    }

    private static long handle(ByteBuffer openReply) {
        return OpenReply.getRootAsOpenReply(openReply).handle();
    }

    /** Requests over a blocking socket, one at a time; a reply with an error status fails the training. */
    private static final class Frames {
        private final SocketChannel ch;
        private int nextId = 1;

        Frames(SocketChannel ch) {
            this.ch = ch;
        }

        ByteBuffer call(int opcode, int fsid, ByteBuffer body) throws IOException {
            return call(opcode, fsid, body, new byte[0]);
        }

        /** Sends a request and returns the reply's body. */
        ByteBuffer call(int opcode, int fsid, ByteBuffer body, byte[] data) throws IOException {
            int bodyLength = body.remaining();
            ByteBuffer frame = ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE + bodyLength + data.length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            frame.putInt(ProtocolConstants.HEADER_AFTER_LENGTH + bodyLength + data.length).putInt(nextId++)
                    .putShort((short) opcode).putShort((short) 0).putInt(fsid).putInt(bodyLength)
                    .put(body.duplicate()).put(data).flip();
            while (frame.hasRemaining()) {
                ch.write(frame);
            }
            ByteBuffer header = read(ProtocolConstants.HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            int length = header.getInt(0);
            int status = header.getInt(12);
            int replyBody = header.getInt(16);
            ByteBuffer rest = read(length - ProtocolConstants.HEADER_AFTER_LENGTH);
            if (status != ProtocolConstants.STATUS_OK) {
                throw new IOException("training request " + Opcode.name(opcode) + " failed with status " + status);
            }
            return rest.limit(replyBody).order(ByteOrder.LITTLE_ENDIAN);
        }

        private ByteBuffer read(int n) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw new EOFException("the daemon closed the connection");
                }
            }
            return buf.flip();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
