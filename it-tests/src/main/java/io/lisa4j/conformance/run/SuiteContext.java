package io.lisa4j.conformance.run;

import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.ErrnoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What all cases of one run share: one SDK session with the scratch export mounted, the run's own
 * directory in that export (so runs never collide), and the canary outside it.
 */
final class SuiteContext implements AutoCloseable {
    private final Target target;
    private final Session session;
    private final RemoteFs fs;
    private final String runRoot;
    private final Canary canary;
    private final ReadOnlyFixture readOnly;

    private SuiteContext(Target target, Session session, RemoteFs fs, String runRoot, Canary canary,
            ReadOnlyFixture readOnly) {
        this.target = target;
        this.session = session;
        this.fs = fs;
        this.runRoot = runRoot;
        this.canary = canary;
        this.readOnly = readOnly;
    }

    /**
     * Connects, mounts every export given (so that a missing one is named once, up front) and
     * prepares the read-only tree. A failure is a {@link SetupFailure} naming what failed.
     */
    static SuiteContext open(Target target) throws IOException {
        Session session;
        try {
            session = SdkConnections.open(target);
        } catch (IOException e) {
            throw SetupFailure.connecting(target, e);
        }
        try {
            RemoteFs fs = mount(session, target, target.export());
            if (target.secondExport() != null) {
                mount(session, target, target.secondExport()).umount();
            }
            String runRoot = "lisa4j-conformance-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
            try {
                fs.mkdir(runRoot, 0755);
            } catch (ErrnoException e) {
                throw new SetupFailure("cannot create the run's directory " + runRoot + " in export " + target.export()
                        + " on " + target.endpoint() + " (" + SetupFailure.errnoName(e) + ")", e);
            }
            ReadOnlyFixture readOnly = null;
            if (target.roExport() != null) {
                RemoteFs ro = mount(session, target, target.roExport());
                readOnly = ReadOnlyFixture.prepare(target, ro, fs, runRoot);
                ro.umount();
            }
            return new SuiteContext(target, session, fs, runRoot, Canary.create(), readOnly);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static RemoteFs mount(Session session, Target target, String export) throws SetupFailure {
        try {
            return session.mount(export);
        } catch (IOException e) {
            throw SetupFailure.mounting(export, target.endpoint(), e);
        }
    }

    Target target() {
        return target;
    }

    Session session() {
        return session;
    }

    RemoteFs fs() {
        return fs;
    }

    String runRoot() {
        return runRoot;
    }

    Canary canary() {
        return canary;
    }

    /** The read-only cases' tree; skips the case when there is none. */
    ReadOnlyTree readOnlyTree() {
        if (readOnly == null) {
            throw new CaseSkipped("needs --ro-export");
        }
        return readOnly.tree();
    }

    /** Removes the run's directory through the host path when known; a remote target keeps it. */
    @Override
    public void close() throws IOException {
        session.close();
        canary.close();
        if (readOnly != null) {
            readOnly.close();
        }
        if (target.local()) {
            Path root = target.exportPath().resolve(runRoot);
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    if (!Files.isSymbolicLink(p) && Files.isDirectory(p)) {
                        p.toFile().setWritable(true);
                    }
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // leave what cannot be removed
            }
        }
    }
}
