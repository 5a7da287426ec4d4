package io.lisa4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EndpointTest {
    private static Endpoint parse(String s) {
        return Endpoint.parse(URI.create(s));
    }

    @Test
    void unixForms() {
        assertEquals(new Endpoint.Unix(Path.of("/run/l.sock")), parse("unix:/run/l.sock"));
        assertEquals(new Endpoint.Unix(Path.of("/run/l.sock")), parse("unix:///run/l.sock"));
        assertEquals(new Endpoint.Unix(Path.of("rel.sock")), parse("unix:rel.sock"));
    }

    @Test
    void tcpForms() {
        assertEquals(new Endpoint.Tcp("localhost", 7000), parse("tcp:localhost:7000"));
        assertEquals(new Endpoint.Tcp("10.0.0.1", 1), parse("tcp://10.0.0.1:1"));
        assertEquals(new Endpoint.Tcp("::1", 65535), parse("tcp:[::1]:65535"));
    }

    @Test
    void rejectsWhatCannotBeAnEndpoint() {
        assertThrows(IllegalArgumentException.class, () -> parse("http://x:1"));
        assertThrows(IllegalArgumentException.class, () -> parse("/no/scheme"));
        assertThrows(IllegalArgumentException.class, () -> parse("tcp:host"));
        assertThrows(IllegalArgumentException.class, () -> parse("tcp:host:"));
        assertThrows(IllegalArgumentException.class, () -> parse("tcp:host:0"));
        assertThrows(IllegalArgumentException.class, () -> parse("tcp:host:70000"));
        assertThrows(IllegalArgumentException.class, () -> parse("tcp:host:port"));
    }
}
