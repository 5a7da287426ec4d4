package io.lisa4j.it.nonroot;

import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.ReadResult;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code MountProbe SOCKET EXPORT [FILE]}: what the SDK gets as the uid it runs as. Prints
 * {@code mounted} (and FILE's text), or {@code errno NAME} with exit status 3, or {@code failed
 * MESSAGE} with 4.
 */
public final class MountProbe {
    private MountProbe() {}

    public static void main(String[] args) {
        try (Session session = Lisa4jClient.connect(args[0])) {
            RemoteFs fs = session.mount(args[1]);
            System.out.println("mounted");
            if (args.length > 2) {
                try (RemoteFile file = fs.open(args[2], ProtocolConstants.O_RDONLY)) {
                    ReadResult read = file.pread(0, 4096);
                    System.out.print(new String(read.data(), StandardCharsets.UTF_8));
                }
            }
        } catch (ErrnoException e) {
            System.out.println("errno " + e.errnoEnum() + ": " + e.getMessage());
            System.exit(3);
        } catch (IOException | RuntimeException e) {
            System.out.println("failed " + e);
            System.exit(4);
        }
        System.exit(0);
    }
}
