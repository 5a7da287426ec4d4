package io.lisa4j.tls.cli;

import io.lisa4j.tls.TlsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Option;

/**
 * How a client command (lisa4j mount, lisa4j conformance) reaches a server's mutual-TLS TCP
 * listener: the directory {@code lisa4j certs} wrote and the client identity to present, the same
 * pair the SDK takes as {@code TlsFiles.in(dir, name)}. A picocli mixin.
 */
public final class ClientTlsOptions {
    /**
     * Bouncy Castle's JSSE reports its configuration through java.util.logging (a dozen INFO and
     * WARNING lines on the first handshake); a command reports what went wrong itself, in one line.
     * Held here because java.util.logging keeps loggers only weakly.
     */
    private static final Logger BOUNCY_CASTLE = Logger.getLogger("org.bouncycastle");

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "For a tcp: target: the directory 'lisa4j certs' wrote (ca.pem, NAME.pem, NAME-key.pem).")
    Path dir;

    @Option(names = "--identity", paramLabel = "NAME",
            description = "The client identity whose certificate to present (NAME.pem in --tls-dir).")
    String identity;

    /**
     * The client's key material, or null when no TLS was asked for. Throws {@link IllegalArgumentException}
     * with a one-line message when only one of the two options is given, or a file cannot be read.
     */
    public TlsFiles files() {
        if (dir == null && identity == null) {
            return null;
        }
        if (dir == null || identity == null) {
            throw new IllegalArgumentException("--tls-dir and --identity go together (a client certificate needs both)");
        }
        BOUNCY_CASTLE.setLevel(Level.OFF);
        TlsFiles files = TlsFiles.in(dir, identity);
        for (Path p : new Path[] {files.caCert(), files.cert(), files.key()}) {
            readable(p);
        }
        return files;
    }

    /** Whether TLS was asked for (either option given). */
    public boolean requested() {
        return dir != null || identity != null;
    }

    private static void readable(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            in.read();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + file + " (ENOENT)");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read " + file + " (EACCES)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
