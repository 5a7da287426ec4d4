package io.lisa4j.conformance.diff;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.security.ExportPolicy;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Replays fixed op lists on the kernel and through a server, as root (export "plain") and as an
 * ordinary uid (export "delegated", which delegates credentials; the kernel's side takes the same
 * filesystem ids), and checks both that the two agree at every step and what the kernel said at
 * the steps a scenario is about, so a scenario cannot pass by not reaching its point.
 */
final class KernelScenarioRunner implements AutoCloseable {
    static final Credentials NOBODY = new Credentials(65534, 65534, new int[0]);

    private final Path temp;
    private final LisaServer server;
    private final Session asRoot;
    private final Session asNobody;

    KernelScenarioRunner(Path temp) throws IOException {
        this.temp = temp;
        Path plain = shared(temp.resolve("plain"));
        Path delegated = shared(temp.resolve("delegated"));
        Path socket = temp.resolve("lisa4j.sock");
        ServerConfig config = ServerConfig.of(List.of(new ListenAddress.Unix(socket)),
                        List.of(ExportSpec.host("plain", plain.toString(), false),
                                ExportSpec.host("delegated", delegated.toString(), false)))
                .withSecurity(SecurityConfig.defaults().withPolicy("delegated", ExportPolicy.DEFAULT.withDelegation()));
        this.server = LisaServer.start(config);
        URI endpoint = URI.create("unix:" + socket);
        this.asRoot = Lisa4jClient.connect(endpoint, ClientOptions.DEFAULTS);
        this.asNobody = Lisa4jClient.connect(endpoint, ClientOptions.DEFAULTS.withCredentials(NOBODY));
    }

    /** The export "plain", as root. */
    RemoteFs plain() throws IOException {
        return asRoot.mount("plain");
    }

    private static Path shared(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /**
     * Runs {@code ops} from an empty directory, as {@code caller} (null: root), asserts that kernel
     * and server agree throughout, and returns what the kernel said at each step.
     */
    List<String> run(List<Op> ops, Credentials caller) throws IOException {
        String export = caller == null ? "plain" : "delegated";
        RemoteFs fs = (caller == null ? asRoot : asNobody).mount(export);
        String name = "s" + System.nanoTime();
        fs.mkdir(name, 0777);
        Path local = Differential.localParentBeside(temp.resolve(export), true);
        try {
            Differential d = new Differential(fs, name, temp.resolve(export).resolve(name), local, 1, caller);
            List<Differential.Step> steps = new ArrayList<>();
            Divergence divergence = d.replay(ops, steps);
            assertNull(divergence, () -> "as " + (caller == null ? "root" : "uid " + caller.uid()) + ": " + divergence);
            return steps.stream().map(Differential.Step::kernel).toList();
        } finally {
            Differential.delete(local);
        }
    }

    /**
     * Asserts what the kernel answered at some steps: pairs of a step index and an answer, an errno
     * name or a prefix of a success ("ok", "ok d" for a directory's attributes).
     */
    static void kernelSaid(List<String> kernel, Object... stepsAndAnswers) {
        for (int i = 0; i < stepsAndAnswers.length; i += 2) {
            int step = (Integer) stepsAndAnswers[i];
            String expected = (String) stepsAndAnswers[i + 1];
            String said = kernel.get(step);
            boolean matches = expected.startsWith("ok") ? said.startsWith(expected) : said.equals(expected);
            assertTrue(matches, "the kernel's answer at step " + step + ": expected " + expected + ", got " + said);
        }
    }

    /** Makes directory {@code dir} (0755) with an empty file "f" in it: three ops. */
    static List<Op> directoryWithFile(String dir) {
        return List.of(mode(Op.Kind.MKDIR, dir, 0755),
                open(0, dir + "/f", ProtocolConstants.O_CREAT | ProtocolConstants.O_WRONLY, 0644),
                onSlot(Op.Kind.CLOSE, 0));
    }

    static List<Op> then(List<Op> first, Op... more) {
        List<Op> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    static Op op(Op.Kind kind, String path) {
        return new Op(kind, path, null, 0, 0, 0, 0, null);
    }

    static Op op(Op.Kind kind, String path, String path2) {
        return new Op(kind, path, path2, 0, 0, 0, 0, null);
    }

    static Op mode(Op.Kind kind, String path, int mode) {
        return new Op(kind, path, null, 0, 0, mode, 0, null);
    }

    static Op open(int slot, String path, int flags, int mode) {
        return new Op(Op.Kind.OPEN, path, null, slot, flags, mode, 0, null);
    }

    static Op onSlot(Op.Kind kind, int slot) {
        return new Op(kind, null, null, slot, 0, 0, 0, null);
    }

    static Op setxattr(String path, String name, String value) {
        return new Op(Op.Kind.SETXATTR, path, name, 0, 0, 0, 0, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Op access(String path, int mode) {
        return new Op(Op.Kind.ACCESS, path, null, 0, mode, 0, 0, null);
    }

    @Override
    public void close() throws IOException {
        asRoot.close();
        asNobody.close();
        server.close();
    }

    static Map<String, Credentials> callers() {
        Map<String, Credentials> callers = new java.util.LinkedHashMap<>();
        callers.put("root", null);
        callers.put("uid 65534", NOBODY);
        return callers;
    }
}
