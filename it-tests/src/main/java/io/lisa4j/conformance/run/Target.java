package io.lisa4j.conformance.run;

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
 * with --insecure-tcp).
 */
public record Target(String endpoint, TlsFiles tls, String export, Path exportPath, String roExport,
        Path roExportPath, String secondExport, long seed, int steps, Pattern only) {

    public Target(String endpoint, String export, Path exportPath, String roExport, String secondExport,
            long seed, int steps, Pattern only) {
        this(endpoint, null, export, exportPath, roExport, null, secondExport, seed, steps, only);
    }

    public Target withTls(TlsFiles files) {
        return new Target(endpoint, files, export, exportPath, roExport, roExportPath, secondExport, seed, steps, only);
    }

    public Target withRoExportPath(Path dir) {
        return new Target(endpoint, tls, export, exportPath, roExport, dir, secondExport, seed, steps, only);
    }

    public boolean local() {
        return exportPath != null;
    }

    public boolean selects(Case c) {
        return only == null || only.matcher(c.id() + " " + c.name()).find();
    }
}
