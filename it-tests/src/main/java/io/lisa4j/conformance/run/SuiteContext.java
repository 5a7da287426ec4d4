package io.lisa4j.conformance.run;

import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
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

    private SuiteContext(Target target, Session session, RemoteFs fs, String runRoot, Canary canary) {
        this.target = target;
        this.session = session;
        this.fs = fs;
        this.runRoot = runRoot;
        this.canary = canary;
    }

    static SuiteContext open(Target target) throws IOException {
        Session session = SdkConnections.open(target);
        try {
            RemoteFs fs = session.mount(target.export());
            String runRoot = "lisa4j-conformance-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
            fs.mkdir(runRoot, 0755);
            return new SuiteContext(target, session, fs, runRoot, Canary.create());
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
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

    /** Removes the run's directory through the host path when known; a remote target keeps it. */
    @Override
    public void close() throws IOException {
        session.close();
        canary.close();
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
