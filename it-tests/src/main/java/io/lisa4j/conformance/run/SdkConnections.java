package io.lisa4j.conformance.run;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.ReconnectPolicy;
import io.lisa4j.client.Session;
import java.io.IOException;
import java.net.URI;

/**
 * SDK sessions to the target. The suite also speaks raw plaintext frames, so a TCP target is a
 * server started with --insecure-tcp, and the SDK is told so explicitly.
 */
final class SdkConnections {
    private SdkConnections() {}

    static Session open(String endpoint) throws IOException {
        // Reconnect off: a server that drops a connection must fail the case, not be hidden by a replay.
        return Lisa4jClient.connect(URI.create(endpoint), ClientOptions.DEFAULTS.withInsecurePlaintextTcp()
                .withReconnect(ReconnectPolicy.OFF));
    }
}
