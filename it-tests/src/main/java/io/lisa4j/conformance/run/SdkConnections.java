package io.lisa4j.conformance.run;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.ReconnectPolicy;
import io.lisa4j.client.Session;
import java.io.IOException;
import java.net.URI;

/**
 * SDK sessions to the target. The suite also speaks raw frames, so a TCP target without TLS
 * material is a server started with --insecure-tcp, and the SDK is told so explicitly.
 */
final class SdkConnections {
    private SdkConnections() {}

    /** A session to the target, carrying its caller credentials when it has some. */
    static Session open(Target target) throws IOException {
        ClientOptions options = target.tls() == null
                ? ClientOptions.DEFAULTS.withInsecurePlaintextTcp()
                : ClientOptions.DEFAULTS.withTls(target.tls());
        if (target.caller() != null) {
            options = options.withCredentials(target.caller());
        }
        // Reconnect off: a server that drops a connection must fail the case, not be hidden by a replay.
        return Lisa4jClient.connect(URI.create(target.endpoint()), options.withClientName("lisa4j-conformance")
                .withReconnect(ReconnectPolicy.OFF));
    }
}
