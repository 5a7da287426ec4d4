package io.lisa4j.server.transport;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.Frame;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.server.security.ExportPolicy;
import io.lisa4j.server.security.RequestPolicy;
import io.lisa4j.server.session.Mount;
import io.lisa4j.server.session.Session;
import java.util.Map;

/**
 * The per-export step between a verified request and its execution: strips the credentials block
 * a request carries (§3.2), applies the export's policy (EPERM), and says whose credentials the
 * call runs with: the caller's on an export that delegates (EACCES if it sent none), the
 * server's own everywhere else.
 */
public final class ExportGate {
    /** {@code refusal} 0 lets the call run, as {@code runAs} (null: as the server). */
    record Decision(int refusal, Credentials runAs) {
        static Decision refuse(int errno) {
            return new Decision(errno, null);
        }
    }

    private final Map<String, ExportPolicy> policies;

    public ExportGate(Map<String, ExportPolicy> policies) {
        this.policies = Map.copyOf(policies);
    }

    public static ExportGate defaults() {
        return new ExportGate(Map.of());
    }

    public boolean anyDelegation() {
        return policies.values().stream().anyMatch(ExportPolicy::delegateCredentials);
    }

    Decision decide(Session session, Mount mount, Frame frame) {
        Credentials caller = null;
        if (session.credentialsEnabled() && (frame.flags() & ProtocolConstants.FLAG_CREDENTIALS) != 0) {
            try {
                caller = Credentials.read(frame.data());
            } catch (ErrnoException e) {
                return Decision.refuse(e.errno());
            }
        }
        if (mount == null) {
            return new Decision(0, null);
        }
        ExportPolicy policy = policies.getOrDefault(mount.exportName(), ExportPolicy.DEFAULT);
        int refusal = RequestPolicy.check(policy, frame.opcode(), frame.bodyBuffer());
        if (refusal != 0) {
            return Decision.refuse(refusal);
        }
        if (!policy.delegateCredentials()) {
            return new Decision(0, null);
        }
        return caller == null ? Decision.refuse(Errno.EACCES.number()) : new Decision(0, caller);
    }
}
