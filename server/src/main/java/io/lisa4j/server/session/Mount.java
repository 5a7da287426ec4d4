package io.lisa4j.server.session;

import io.lisa4j.server.spi.ExportBackend;

/** One MOUNT on a connection: the fsid it returned and the export behind it. */
public record Mount(int fsid, String exportName, ExportBackend backend) {}
