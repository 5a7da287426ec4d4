package io.lisa4j.conformance.run;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What the suite runs against. {@code export} is the scratch read-write export (the protocol mounts
 * by name, so the name stands for the fsid that MOUNT returns); {@code exportPath}, when the
 * server is local, is that export's host directory and enables kernel-oracle checks and the
 * differential mode. {@code roExport} and {@code secondExport} are optional; cases that need them
 * skip without them.
 */
public record Target(String endpoint, String export, Path exportPath, String roExport, String secondExport,
        long seed, int steps, Pattern only) {

    public boolean local() {
        return exportPath != null;
    }

    public boolean selects(Case c) {
        return only == null || only.matcher(c.id() + " " + c.name()).find();
    }
}
