package io.lisa4j.server.transport;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
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

/** What one connection reports about each answered request: metrics and, if on, an access-log line. */
final class RequestObserver {
    private final ServerMetrics metrics;
    private final Transport transport;
    private final String peer;

    RequestObserver(ServerMetrics metrics, Transport transport, String peer) {
        this.metrics = metrics;
        this.transport = transport;
        this.peer = peer;
    }

    /** Before the reply is sent (sending releases its data). */
    void answered(int opcode, int fsid, Mount mount, Reply reply, long startNanos) {
        long nanos = System.nanoTime() - startNanos;
        int status = reply.status();
        metrics.request(opcode, mount == null ? null : mount.exportName(), transport, status, nanos);
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
            AccessLog.request(peer, OpNames.of(opcode), fsid, Outcomes.of(status), nanos);
        }
    }

    void refused(LimitKind kind) {
        metrics.refused(kind);
    }
}
