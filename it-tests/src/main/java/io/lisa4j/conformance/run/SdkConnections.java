package io.lisa4j.conformance.run;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.Session;
import java.io.IOException;
import java.net.URI;

/**
 * SDK sessions to the target. The suite also speaks raw plaintext frames, so a TCP target is a
 * server started with --insecure-tcp, and the SDK is told so explicitly.
 */
final class SdkConnections {
    private SdkConnections() {}

    /** A session to the target, carrying its caller credentials when it has some. */
    static Session open(Target target) throws IOException {
        ClientOptions options = ClientOptions.DEFAULTS.withInsecurePlaintextTcp();
        if (target.caller() != null) {
            options = options.withCredentials(target.caller());
        }
        return Lisa4jClient.connect(URI.create(target.endpoint()), options);
    }
}
