package io.lisa4j.it.reconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.it.InProcessServer;
import io.lisa4j.protocol.ProtocolConstants;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLS session over TCP whose connection a network blip cuts: it reconnects, handles and data intact. */
class TcpBlipTest {
    @TempDir
    Path tmp;

    @Test
    void aSessionOverTlsSurvivesACutConnection() throws Exception {
        try (InProcessServer server = InProcessServer.start(tmp)) {
            int port = Integer.parseInt(server.endpoint(InProcessServer.Transport.TCP).replaceAll(".*:", ""));
            try (CuttableProxy proxy = new CuttableProxy(port);
                    Session s = Lisa4jClient.connect(URI.create("tcp:127.0.0.1:" + proxy.port()),
                            io.lisa4j.client.ClientOptions.DEFAULTS.withTls(server.clientTls()))) {
                Events events = new Events();
                s.onConnectionEvents(events);
                RemoteFs fs = s.mount(InProcessServer.EXPORT);
                RemoteFile f = fs.open("f", ProtocolConstants.O_RDWR | ProtocolConstants.O_CREAT, 0644);
                f.pwrite(0, "over tcp".getBytes(StandardCharsets.UTF_8));

                proxy.cut();

                assertEquals("over tcp", new String(f.pread(0, 64).data(), StandardCharsets.UTF_8));
                f.pwrite(8, "!".getBytes(StandardCharsets.UTF_8));
                f.close();
                assertEquals("over tcp!", Files.readString(tmp.resolve("export/f")));
                assertEquals(1, events.count("reconnected"), events.lines.toString());
            }
        }
    }
}
