package io.lisa4j.server.security;

/**
 * What an export lets a client do beyond plain file access: run its calls with the client's own
 * credentials (the server must be root), set setuid/setgid bits, touch {@code security.*}
 * extended attributes. By default: no delegation, no set-id bits, no security attributes.
 */
public record ExportPolicy(boolean delegateCredentials, boolean allowSetId, boolean allowSecurityXattrs) {
    public static final ExportPolicy DEFAULT = new ExportPolicy(false, false, false);

    public ExportPolicy withDelegation() {
        return new ExportPolicy(true, allowSetId, allowSecurityXattrs);
    }

    public ExportPolicy withSetId() {
        return new ExportPolicy(delegateCredentials, true, allowSecurityXattrs);
    }

    public ExportPolicy withSecurityXattrs() {
        return new ExportPolicy(delegateCredentials, allowSetId, true);
    }
}
