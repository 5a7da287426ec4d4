package io.lisa4j.conformance.run;

import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.tls.TlsFiles;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What the suite runs against. {@code export} is the scratch read-write export (the protocol mounts
 * by name, so the name stands for the fsid that MOUNT returns); {@code exportPath}, when the
 * server is local, is that export's host directory and enables kernel-oracle checks and the
 * differential mode. {@code roExport} and {@code secondExport} are optional; cases that need them
 * skip without them. {@code roExportPath}, the read-only export's host directory, lets the suite
 * create the read-only cases' tree itself (see {@link ReadOnlyFixture}). {@code tls}, when set, is
 * the client's key material for a {@code tcp:} target; without it TCP is plaintext (a server started
 * with --insecure-tcp). {@code caller}, when set, are the credentials every SDK request carries (for an
 * export that delegates credentials, PROTOCOL.md §3.2); the differential mode's kernel side then
 * takes the same identity.
 */
public record Target(String endpoint, TlsFiles tls, String export, Path exportPath, String roExport,
        Path roExportPath, String secondExport, long seed, int steps, Pattern only, Credentials caller) {

    /** A target the suite acts on as the server's own identity (no caller credentials). */
    public Target(String endpoint, String export, Path exportPath, String roExport, String secondExport,
            long seed, int steps, Pattern only) {
        this(endpoint, export, exportPath, roExport, secondExport, seed, steps, only, null);
    }

    public Target(String endpoint, String export, Path exportPath, String roExport, String secondExport,
            long seed, int steps, Pattern only, Credentials caller) {
        this(endpoint, null, export, exportPath, roExport, null, secondExport, seed, steps, only, caller);
    }

    public Target withTls(TlsFiles files) {
        return new Target(endpoint, files, export, exportPath, roExport, roExportPath, secondExport, seed, steps, only,
                caller);
    }

    public Target withRoExportPath(Path dir) {
        return new Target(endpoint, tls, export, exportPath, roExport, dir, secondExport, seed, steps, only, caller);
    }

    public boolean local() {
        return exportPath != null;
    }

    public boolean selects(Case c) {
        return only == null || only.matcher(c.id() + " " + c.name()).find();
    }
}
