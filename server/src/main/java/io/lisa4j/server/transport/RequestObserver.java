package io.lisa4j.server.transport;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.PwriteReply;
import io.lisa4j.server.dispatch.Reply;
import io.lisa4j.server.log.AccessLog;
import io.lisa4j.server.metrics.LimitKind;
import io.lisa4j.server.metrics.OpNames;
import io.lisa4j.server.metrics.Outcomes;
import io.lisa4j.server.metrics.ServerMetrics;
import io.lisa4j.server.metrics.Transport;
import io.lisa4j.server.session.Mount;
import io.lisa4j.server.session.MountTable;

/** What one connection reports about each answered request: metrics and, if on, an access-log line. */
final class RequestObserver {
    private final ServerMetrics metrics;
    private final Transport transport;
    private final String peer;
    private final MountTable mounts;

    RequestObserver(ServerMetrics metrics, Transport transport, String peer, MountTable mounts) {
        this.metrics = metrics;
        this.transport = transport;
        this.peer = peer;
        this.mounts = mounts;
    }

    /** Before the reply is sent (sending releases its data). */
    void answered(int opcode, int fsid, Mount mount, Reply reply, long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        int status = reply.status();
        String export = exportOf(opcode, mount, reply);
        metrics.request(opcode, export, transport, status, nanos);
        if (status == ProtocolConstants.STATUS_OK) {
            if (opcode == Opcode.Pread && reply.data() != null) {
                metrics.bytesRead(reply.data().readableBytes());
            } else if (opcode == Opcode.Pwrite && reply.body() != null) {
                metrics.bytesWritten(PwriteReply.getRootAsPwriteReply(reply.body().duplicate()).written());
            }
        } else if (status == Errno.EMFILE.number()) {
            metrics.refused(LimitKind.HANDLES);
        }
        if (AccessLog.enabled()) {
            AccessLog.request(peer, OpNames.of(opcode), export == null ? "none" : export, fsid, Outcomes.of(status),
                    nanos);
        }
    }

    /**
     * The export a request concerned: its fsid's, or for a MOUNT that succeeded the one it mounted;
     * null for session calls and refused MOUNTs (whose names, chosen by clients, are no metric label).
     */
    private String exportOf(int opcode, Mount mount, Reply reply) {
        if (mount != null) {
            return mount.exportName();
        }
        if (opcode == Opcode.Mount && reply.status() == ProtocolConstants.STATUS_OK && reply.body() != null) {
            Mount mounted = mounts.find((int) MountReply.getRootAsMountReply(reply.body().duplicate()).fsid());
            return mounted == null ? null : mounted.exportName();
        }
        return null;
    }

    void refused(LimitKind kind) {
        metrics.refused(kind);
    }
}
