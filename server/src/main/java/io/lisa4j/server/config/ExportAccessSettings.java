package io.lisa4j.server.config;

import io.lisa4j.server.security.AccessPolicy;
import io.lisa4j.server.security.ExportPolicy;
import io.lisa4j.server.security.Grant;
import io.lisa4j.server.security.SecurityConfig;
import java.util.List;

/**
 * Who may mount each export and what it lets them do: grants ({@code allow}), credential
 * delegation, set-id bits and {@code security.*} attributes. Each is null when this layer does not
 * give it; a layer that gives it replaces the lower layer's for every export.
 */
public record ExportAccessSettings(
        PerExport<List<Grant>> allow,
        PerExport<Boolean> delegateCredentials,
        PerExport<Boolean> allowSetId,
        PerExport<Boolean> allowSecurityXattrs) {
    public static final ExportAccessSettings EMPTY = new ExportAccessSettings(null, null, null, null);

    ExportAccessSettings overriddenBy(ExportAccessSettings top) {
        return new ExportAccessSettings(Settings.pick(top.allow, allow),
                Settings.pick(top.delegateCredentials, delegateCredentials), Settings.pick(top.allowSetId, allowSetId),
                Settings.pick(top.allowSecurityXattrs, allowSecurityXattrs));
    }

    /** {@code security} with the grants and policies of {@code exports}; a name that is no export is an error. */
    SecurityConfig applyTo(SecurityConfig security, List<String> exports) {
        AccessPolicy access = AccessPolicy.ownerOnly();
        for (PerExport<?> given : java.util.Arrays.asList(allow, delegateCredentials, allowSetId, allowSecurityXattrs)) {
            if (given != null) {
                given.checkNames(exports);
            }
        }
        for (String export : exports) {
            for (Grant grant : allow == null ? List.<Grant>of() : allow.get(export, List.of())) {
                access = access.with(export, grant);
            }
            ExportPolicy policy = ExportPolicy.DEFAULT;
            policy = on(delegateCredentials, export) ? policy.withDelegation() : policy;
            policy = on(allowSetId, export) ? policy.withSetId() : policy;
            policy = on(allowSecurityXattrs, export) ? policy.withSecurityXattrs() : policy;
            security = security.withPolicy(export, policy);
        }
        return security.withAccess(access);
    }

    private static boolean on(PerExport<Boolean> flags, String export) {
        return flags != null && flags.get(export, false);
    }
}
