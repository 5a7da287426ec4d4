package io.lisa4j.it.docker;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import java.nio.charset.StandardCharsets;

/**
 * What a sandbox container does with the daemon beside it, run in its own container by
 * {@link SandboxContainer}: connects to ENDPOINT, mounts EXPORT, prints the text of READ, writes
 * TEXT to WRITE. Says {@code read=...} and {@code wrote=N} on stdout and exits 0, or names the
 * errno on stderr and exits 1.
 *
 * <pre>java io.lisa4j.it.docker.SandboxClient ENDPOINT EXPORT READ WRITE TEXT</pre>
 */
public final class SandboxClient {
    private SandboxClient() {}

    public static void main(String[] args) throws Exception {
        try (Session session = Lisa4jClient.connect(args[0])) {
            RemoteFs fs = session.mount(args[1]);
            try (RemoteFile file = fs.open(args[2], ProtocolConstants.O_RDONLY)) {
                System.out.println("read=" + new String(file.pread(0, 4096).data(), StandardCharsets.UTF_8).strip());
            }
            byte[] text = args[4].getBytes(StandardCharsets.UTF_8);
            try (RemoteFile file = fs.open(args[3], ProtocolConstants.O_CREAT | ProtocolConstants.O_WRONLY, 0644)) {
                System.out.println("wrote=" + file.pwrite(0, text).written());
            }
        } catch (ErrnoException e) {
            System.err.println("sandbox: " + Errno.of(e.errno()) + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
