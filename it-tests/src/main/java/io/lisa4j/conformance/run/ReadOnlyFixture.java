package io.lisa4j.conformance.run;

import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.FileAttr;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The tree the read-only cases need in the read-only export, which the suite cannot write through
 * that export. In order of preference it uses: a tree already at the export's root; one it creates
 * through the scratch export when the read-only export serves the same directory (the run's
 * directory shows through it); one it creates in the host directory given as --ro-export-path.
 * Otherwise the read-only cases skip, saying so in one line.
 */
final class ReadOnlyFixture implements AutoCloseable {
    private final ReadOnlyTree tree;
    private final String unavailable;
    private final Path hostDir;

    private ReadOnlyFixture(ReadOnlyTree tree, String unavailable, Path hostDir) {
        this.tree = tree;
        this.unavailable = unavailable;
        this.hostDir = hostDir;
    }

    /** The tree; skips the case with the reason when there is none. */
    ReadOnlyTree tree() {
        if (tree == null) {
            throw new CaseSkipped(unavailable);
        }
        return tree;
    }

    /** {@code ro} is the read-only export, {@code scratch} the scratch export holding the run's directory. */
    static ReadOnlyFixture prepare(Target target, RemoteFs ro, RemoteFs scratch, String runRoot) throws IOException {
        if (holdsTree(ro, new ReadOnlyTree(""))) {
            return new ReadOnlyFixture(new ReadOnlyTree(""), null, null);
        }
        ReadOnlyTree inRun = new ReadOnlyTree(runRoot + "/ro");
        if (exists(ro, runRoot)) {
            make(scratch, inRun);
            if (holdsTree(ro, inRun)) {
                return new ReadOnlyFixture(inRun, null, null);
            }
        }
        if (target.roExportPath() != null) {
            Path dir = writeOnHost(target.roExportPath(), runRoot);
            ReadOnlyTree onHost = new ReadOnlyTree(runRoot);
            if (holdsTree(ro, onHost)) {
                return new ReadOnlyFixture(onHost, null, dir);
            }
            delete(dir);
            throw new SetupFailure("--ro-export-path " + target.roExportPath() + " is not the directory of export "
                    + target.roExport() + ": the tree made there does not show through it", null);
        }
        return new ReadOnlyFixture(null, "read-only export " + target.roExport() + " lacks file, dir and link, which "
                + "the suite cannot make through it: serve the scratch export's directory as " + target.roExport()
                + " too, or give --ro-export-path (see --help)", null);
    }

    private static Path writeOnHost(Path exportDir, String name) throws SetupFailure {
        try {
            return ReadOnlyTree.writeOnHost(exportDir.resolve(name));
        } catch (IOException e) {
            throw new SetupFailure("cannot make the read-only tree in --ro-export-path " + exportDir + " ("
                    + SetupFailure.hostErrno(e) + ")", e);
        }
    }

    private static void make(RemoteFs fs, ReadOnlyTree tree) throws IOException {
        fs.mkdir(tree.base(), 0755);
        fs.mkdir(tree.p("dir"), 0755);
        try (RemoteFile f = fs.open(tree.p("file"), ProtocolConstants.O_CREAT | ProtocolConstants.O_WRONLY, 0644)) {
            f.pwrite(0, ReadOnlyTree.CONTENT.getBytes(StandardCharsets.UTF_8));
        }
        fs.symlink("file", tree.p("link"));
    }

    private static boolean holdsTree(RemoteFs ro, ReadOnlyTree tree) throws IOException {
        try {
            FileAttr dir = ro.lstat(tree.p("dir"));
            if (dir.type() != ProtocolConstants.S_IFDIR
                    || !Arrays.equals("file".getBytes(StandardCharsets.UTF_8), ro.readlink(tree.p("link")))) {
                return false;
            }
            try (RemoteFile f = ro.open(tree.p("file"), ProtocolConstants.O_RDONLY)) {
                return ReadOnlyTree.CONTENT.equals(new String(f.pread(0, 100).data(), StandardCharsets.UTF_8));
            }
        } catch (ErrnoException absentOrOther) {
            return false;
        }
    }

    private static boolean exists(RemoteFs fs, String path) throws IOException {
        try {
            fs.lstat(path);
            return true;
        } catch (ErrnoException absent) {
            return false;
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Removes a tree made on the host; one made through the scratch export goes with the run's directory. */
    @Override
    public void close() throws IOException {
        if (hostDir != null) {
            delete(hostDir);
        }
    }
}
