package io.lisa4j.conformance.diff;

import io.lisa4j.client.RemoteFs;
import io.lisa4j.server.host.sys.Sys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private int replays;

    /**
     * @param remoteParent a directory of the export, relative to its root
     * @param remoteParentHost the same directory's host path
     * @param localParent a local directory on the same host filesystem, for the kernel's side
     */
    public Differential(RemoteFs fs, String remoteParent, Path remoteParentHost, Path localParent, int checkEvery) {
        this.fs = fs;
        this.remoteParent = remoteParent;
        this.remoteParentHost = remoteParentHost;
        this.localParent = localParent;
        this.checkEvery = checkEvery;
    }

    /** The first divergence of {@code ops}, or null when kernel and server agree throughout. */
    public Divergence replay(List<Op> ops) throws IOException {
        String name = "r" + replays++;
        Path local = localParent.resolve(name);
        Sys.mkdirat(Sys.AT_FDCWD, local.toString().getBytes(StandardCharsets.UTF_8), 0755);
        fs.mkdir(remoteParent + "/" + name, 0755);
        Path remoteHost = remoteParentHost.resolve(name);
        try (LocalSide kernel = new LocalSide(local); RemoteSide server = new RemoteSide(fs, remoteParent + "/" + name)) {
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                String k = kernel.apply(op);
                String s = server.apply(op);
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

    /** Creates a local directory for the kernel's side next to {@code exportDir}, on its filesystem. */
    public static Path localParentBeside(Path exportDir) throws IOException {
        String name = exportDir.getFileName() + "-differential-" + ProcessHandle.current().pid() + "-"
                + Long.toHexString(System.nanoTime());
        try {
            return Files.createDirectory(exportDir.resolveSibling(name));
        } catch (IOException notWritable) {
            return Files.createTempDirectory("lisa4j-differential-");
        }
    }

}
