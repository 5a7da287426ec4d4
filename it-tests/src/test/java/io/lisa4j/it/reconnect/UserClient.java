package io.lisa4j.it.reconnect;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The client half of {@link ReconnectAsUserTest}, run as an ordinary uid in a JVM of its own: opens
 * two files, says "open", waits for a line on stdin (the daemon restarts meanwhile), then uses the
 * same session and handles and prints what it got, one "key=value" line each.
 */
public final class UserClient {
    private UserClient() {}

    public static void main(String[] args) throws Exception {
        int rw = ProtocolConstants.O_RDWR | ProtocolConstants.O_CREAT;
        Events events = new Events();
        try (Session s = Lisa4jClient.connect(URI.create(args[0]), ClientOptions.DEFAULTS.withFdDonation(true))) {
            s.onConnectionEvents(events);
            RemoteFs fs = s.mount(DaemonProcess.EXPORT);
            RemoteFile kept = fs.open("kept", rw, 0644);
            kept.pwrite(0, "before".getBytes(StandardCharsets.UTF_8));
            RemoteFile gone = fs.open("gone", rw, 0644);
            System.out.println("open");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();

            fs.mkdir("made-after", 0755);
            System.out.println("read=" + new String(kept.pread(0, 64).data(), StandardCharsets.UTF_8));
            try {
                gone.fstat();
                System.out.println("gone=readable");
            } catch (ErrnoException e) {
                System.out.println("gone=" + e.errnoEnum());
            }
            kept.close();
            gone.close();
            System.out.println("events=" + events.lines);
        }
    }
}
