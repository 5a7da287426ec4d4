package io.lisa4j.server.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A library's java.util.logging record becomes one logfmt line; its stack trace only at debug level. */
class LibraryLogsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Logger library = Logger.getLogger("org.bouncycastle.jsse.provider.Test");
    private Log.Level saved;

    @BeforeEach
    void route() {
        saved = Log.level();
        Log.setOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
        library.setUseParentHandlers(false);
        library.addHandler(new LibraryLogs.Bridge());
        library.setLevel(Level.ALL);
    }

    @AfterEach
    void restore() {
        Log.setOutput(System.err);
        Log.setLevel(saved);
        for (var h : library.getHandlers()) {
            library.removeHandler(h);
        }
    }

    @Test
    void aWarningWithAnExceptionIsOneLine() {
        Log.setLevel(Log.Level.INFO);
        library.log(Level.WARNING, "Client raised fatal(2) certificate_unknown(46) alert:\nsecond line {0}",
                new Object[] {"x"});
        library.log(Level.WARNING, "handshake failed", new IOException("Connection reset by peer"));
        library.info("chatter below the daemon's info");
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, out.toString(StandardCharsets.UTF_8));
        assertTrue(lines[0].matches("ts=\\S+ level=warn event=library logger=org.bouncycastle.jsse.provider.Test "
                + "msg=\"Client raised fatal\\(2\\) certificate_unknown\\(46\\) alert:\\\\nsecond line x\""), lines[0]);
        assertTrue(lines[1].endsWith(" msg=\"handshake failed\" error=\"connection reset by peer (ECONNRESET)\""),
                lines[1]);
    }

    @Test
    void atDebugLevelTheStackTraceFollows() {
        Log.setLevel(Log.Level.DEBUG);
        library.log(Level.SEVERE, "boom", new IllegalStateException("broken"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("ts="), text);
        assertTrue(text.contains("level=error event=library"), text);
        assertTrue(text.contains("\tat "), text);
    }

    @Test
    void severityMapsOntoTheDaemonsLevels() {
        assertEquals(Log.Level.ERROR, LibraryLogs.Bridge.level(Level.SEVERE));
        assertEquals(Log.Level.WARN, LibraryLogs.Bridge.level(Level.WARNING));
        assertEquals(Log.Level.DEBUG, LibraryLogs.Bridge.level(Level.INFO));
        assertEquals(Log.Level.DEBUG, LibraryLogs.Bridge.level(Level.FINE));
        assertFalse(Log.enabled(Log.Level.DEBUG) && saved == Log.Level.INFO);
    }

    @Test
    void bouncyCastlesWarningsAboutTheJdksDefaultsAreDebug() {
        Log.setLevel(Log.Level.INFO);
        Logger constraints = Logger.getLogger("org.bouncycastle.jsse.provider.DisabledAlgorithmConstraints");
        LibraryLogs.Bridge bridge = new LibraryLogs.Bridge();
        constraints.addHandler(bridge);
        try {
            constraints.warning("Ignoring unsupported entry in 'jdk.tls.disabledAlgorithms': dsa_sha1 usage X");
        } finally {
            constraints.removeHandler(bridge);
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
