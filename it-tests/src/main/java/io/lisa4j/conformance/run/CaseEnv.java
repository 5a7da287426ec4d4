package io.lisa4j.conformance.run;

import io.lisa4j.client.DirBatch;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.client.Session;
import io.lisa4j.conformance.wire.WireClient;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.DirEntry;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.ResolveMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a case works with: the shared SDK session and scratch mount, a fresh directory of its own in
 * the scratch export, fresh connections (raw or SDK) that are closed when the case ends, the other
 * exports when configured, the canary outside the export, and the kernel as oracle when the export's
 * host path is known.
 */
public final class CaseEnv implements AutoCloseable {
    private final SuiteContext suite;
    private final String dir;
    private final Deque<AutoCloseable> closeables;

    CaseEnv(SuiteContext suite, Case c) throws IOException {
        this(suite, suite.runRoot() + "/c" + c.id(), new ArrayDeque<>());
    }

    private CaseEnv(SuiteContext suite, String dir, Deque<AutoCloseable> closeables) throws IOException {
        this.suite = suite;
        this.dir = dir;
        this.closeables = closeables;
        suite.fs().mkdir(dir, 0755);
    }

    /** The same case in a fresh subdirectory {@code sub} of its directory; resources close with the case. */
    public CaseEnv in(String sub) throws IOException {
        return new CaseEnv(suite, p(sub), closeables);
    }

    public Target target() {
        return suite.target();
    }

    /** The shared session; its RPC counter is only this case's while the case runs. */
    public Session session() {
        return suite.session();
    }

    /** The scratch export, paths in InRoot mode. */
    public RemoteFs fs() {
        return suite.fs();
    }

    /** The scratch export, paths in Stop mode. */
    public RemoteFs stop() {
        return suite.fs().withResolveMode(ResolveMode.STOP);
    }

    /** This case's directory, relative to the export root. */
    public String dir() {
        return dir;
    }

    /** {@code rel} inside this case's directory, as an export-relative path. */
    public String p(String rel) {
        return rel.isEmpty() ? dir : dir + "/" + rel;
    }

    /** Raw components of {@code p(rel)}, with {@code extra} appended verbatim. */
    public List<byte[]> comps(String rel, String... extra) {
        List<byte[]> out = new ArrayList<>();
        for (String c : p(rel).split("/")) {
            if (!c.isEmpty()) {
                out.add(c.getBytes(StandardCharsets.UTF_8));
            }
        }
        for (String e : extra) {
            out.add(e.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** {@code p(rel)} as a raw PathRef from the export root, walked in {@code mode}. */
    public io.lisa4j.protocol.value.PathSpec spec(String rel, ResolveMode mode) {
        return new io.lisa4j.protocol.value.PathSpec(0, comps(rel), mode);
    }

    public RemotePath path(String rel, String... extra) {
        return RemotePath.of(comps(rel, extra));
    }

    /** Number of components of this case's directory below the export root. */
    public int depth() {
        return comps("").size();
    }

    /** Creates (or replaces) a regular file with {@code content}. */
    public void write(String rel, String content) throws IOException {
        try (RemoteFile f = fs().open(p(rel), ProtocolConstants.O_CREAT | ProtocolConstants.O_WRONLY
                | ProtocolConstants.O_TRUNC, 0644)) {
            f.pwrite(0, content.getBytes(StandardCharsets.UTF_8));
        }
    }

    public void mkdir(String rel) throws IOException {
        fs().mkdir(p(rel), 0755);
    }

    /** The names in {@code rel}, sorted, without '.' and '..', as GETDENTS lists them. */
    public List<String> names(String rel) throws IOException {
        List<String> out = new ArrayList<>();
        try (RemoteFile d = fs().open(p(rel), ProtocolConstants.O_RDONLY | ProtocolConstants.O_DIRECTORY)) {
            long cookie = 0;
            while (true) {
                DirBatch batch = d.getdents(cookie, 0, false);
                for (DirEntry entry : batch.entries()) {
                    String n = new String(entry.name(), StandardCharsets.UTF_8);
                    if (!n.equals(".") && !n.equals("..")) {
                        out.add(n);
                    }
                }
                if (batch.eof() || batch.entries().isEmpty()) {
                    break;
                }
                cookie = batch.nextCookie(cookie);
            }
        }
        out.sort(null);
        return out;
    }

    public String read(String rel) throws IOException {
        try (RemoteFile f = fs().open(p(rel), ProtocolConstants.O_RDONLY)) {
            return new String(f.pread(0, 1 << 16).data(), StandardCharsets.UTF_8);
        }
    }

    /** The host path of {@code rel}; skips the case when the export's host path is unknown. */
    public Path host(String rel) {
        if (!target().local()) {
            throw new CaseSkipped("needs --export-path (the kernel is the oracle)");
        }
        return target().exportPath().resolve(p(rel));
    }

    /** The kernel's lstat of {@code rel}; skips without --export-path. */
    public FileAttr kernel(String rel) throws ErrnoException {
        return Kernel.lstat(host(rel));
    }

    /** Compares {@code remote} with the kernel's lstat of {@code rel} when the host path is known. */
    public void matchesKernel(String what, String rel, FileAttr remote) throws ErrnoException {
        if (remote == null) {
            throw new CaseFailure("expected " + what + " attributes, got none");
        }
        if (target().local()) {
            Kernel.matches(what, kernel(rel), remote);
        }
    }

    /** A fresh raw connection after a successful HELLO. */
    public WireClient wire() throws IOException {
        WireClient w = rawWire();
        w.hello();
        return w;
    }

    /** A fresh raw connection before HELLO. */
    public WireClient rawWire() throws IOException {
        return track(WireClient.connect(target().endpoint()));
    }

    /** A fresh SDK connection. */
    public Session newSession() throws IOException {
        return track(SdkConnections.open(target()));
    }

    /** The read-only export, on the shared session; skips without --ro-export. */
    public RemoteFs ro() throws IOException {
        if (target().roExport() == null) {
            throw new CaseSkipped("needs --ro-export");
        }
        return mount(target().roExport());
    }

    /** A second read-write export, on the shared session; skips without --second-export. */
    public RemoteFs second() throws IOException {
        if (target().secondExport() == null) {
            throw new CaseSkipped("needs --second-export");
        }
        return mount(target().secondExport());
    }

    /** Another mount of the scratch export on the shared session: a second fsid for the same tree. */
    public RemoteFs remount() throws IOException {
        return mount(target().export());
    }

    private RemoteFs mount(String name) throws IOException {
        RemoteFs fs = session().mount(name);
        closeables.push(() -> {
            try {
                fs.umount();
            } catch (IOException alreadyGone) {
                // the case unmounted it itself
            }
        });
        return fs;
    }

    public Canary canary() {
        return suite.canary();
    }

    public <T extends AutoCloseable> T track(T resource) {
        closeables.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        while (!closeables.isEmpty()) {
            try {
                closeables.pop().close();
            } catch (Exception ignored) {
                // best effort: the case's verdict is already made
            }
        }
    }
}
