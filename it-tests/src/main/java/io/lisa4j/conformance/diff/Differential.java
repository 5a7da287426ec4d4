package io.lisa4j.conformance.diff;

import io.lisa4j.client.RemoteFs;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.security.ThreadCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replays an op list twice from empty directories, once on the kernel ({@link LocalSide}, in a
 * local directory) and once through the server ({@link RemoteSide}, in a directory of the scratch
 * export whose host path is known), and compares every op's outcome and, every
 * {@code checkEvery} steps and at the end, the two trees. Each replay gets fresh directories, so
 * the minimizer can replay subsets.
 */
public final class Differential {
    private final RemoteFs fs;
    private final String remoteParent;
    private final Path remoteParentHost;
    private final Path localParent;
    private final int checkEvery;
    private final Credentials caller;
    private int replays;

    /**
     * @param fs the export, on a session that acts as {@code caller} when there is one
     * @param remoteParent a directory of the export, relative to its root
     * @param remoteParentHost the same directory's host path
     * @param localParent a local directory on the same host filesystem, for the kernel's side
     * @param caller the identity the kernel's side takes (null: this process), the one the server's
     *     side sends on a delegating export
     */
    public Differential(RemoteFs fs, String remoteParent, Path remoteParentHost, Path localParent, int checkEvery,
            Credentials caller) {
        this.fs = fs;
        this.remoteParent = remoteParent;
        this.remoteParentHost = remoteParentHost;
        this.localParent = localParent;
        this.checkEvery = checkEvery;
        this.caller = caller;
    }

    /** One op's outcome on each side. */
    public record Step(Op op, String kernel, String server) {}

    /** The first divergence of {@code ops}, or null when kernel and server agree throughout. */
    public Divergence replay(List<Op> ops) throws IOException {
        return replay(ops, new ArrayList<>());
    }

    /**
     * Like {@link #replay(List)}, and adds each op's outcomes to {@code steps} up to the first
     * divergence, for a test that also checks what the kernel said.
     */
    public Divergence replay(List<Op> ops, List<Step> steps) throws IOException {
        String name = "r" + replays++;
        Path local = localParent.resolve(name);
        mkdirAsCaller(local);
        fs.mkdir(remoteParent + "/" + name, 0755);
        Path remoteHost = remoteParentHost.resolve(name);
        try (LocalSide kernel = new LocalSide(local, caller);
                RemoteSide server = new RemoteSide(fs, remoteParent + "/" + name)) {
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                String k = kernel.apply(op);
                String s = server.apply(op);
                steps.add(new Step(op, k, s));
                if (!agree(k, s)) {
                    return new Divergence(i, op + ": kernel " + k + ", server " + s);
                }
                if ((i + 1) % checkEvery == 0 || i == ops.size() - 1) {
                    String diff = TreeSnapshot.firstDifference(TreeSnapshot.of(local), TreeSnapshot.of(remoteHost));
                    if (diff != null) {
                        return new Divergence(i, "after " + op + " the trees differ at " + diff);
                    }
                }
            }
            return null;
        } finally {
            delete(local);
            delete(remoteHost);
        }
    }

    /** The run's local directory, made as the caller would make it (owned by the caller). */
    private void mkdirAsCaller(Path local) throws IOException {
        byte[] path = local.toString().getBytes(StandardCharsets.UTF_8);
        try {
            if (caller == null) {
                Sys.mkdirat(Sys.AT_FDCWD, path, 0755);
                return;
            }
            int parent = Sys.openat(Sys.AT_FDCWD, local.getParent().toString().getBytes(StandardCharsets.UTF_8),
                    ProtocolConstants.O_PATH | ProtocolConstants.O_DIRECTORY | ProtocolConstants.O_CLOEXEC, 0);
            try {
                byte[] name = local.getFileName().toString().getBytes(StandardCharsets.UTF_8);
                ThreadCredentials.runAs(caller, () -> {
                    Sys.mkdirat(parent, name, 0755);
                    return null;
                });
            } finally {
                Sys.close(parent);
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    /** Whether {@code ops} still diverge, for the minimizer. */
    public boolean diverges(List<Op> ops) {
        try {
            return replay(ops) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Token by token; an Attr the server omitted ("?") agrees with anything (§8.2.0). */
    static boolean agree(String kernel, String server) {
        String[] k = kernel.split(" ");
        String[] s = server.split(" ");
        if (k.length != s.length) {
            return false;
        }
        for (int i = 0; i < k.length; i++) {
            if (!k[i].equals(s[i]) && !s[i].equals("?")) {
                return false;
            }
        }
        return true;
    }

    static void delete(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Creates a local directory for the kernel's side next to {@code exportDir}, on its filesystem;
     * with {@code sharedWithCaller}, writable by everyone, so that a caller can make its run
     * directories in it.
     */
    public static Path localParentBeside(Path exportDir, boolean sharedWithCaller) throws IOException {
        String name = exportDir.getFileName() + "-differential-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime());
        Path dir;
        try {
            dir = Files.createDirectory(exportDir.resolveSibling(name));
        } catch (IOException notWritable) {
            dir = Files.createTempDirectory("lisa4j-differential-");
        }
        if (sharedWithCaller) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        return dir;
    }

}
