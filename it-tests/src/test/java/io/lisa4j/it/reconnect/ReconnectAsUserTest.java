package io.lisa4j.it.reconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sidecar's normal case: the daemon and its client both run as an ordinary uid (setpriv from
 * this root test), the daemon restarts, and the client's session, its mount and an open handle
 * carry on; a handle whose file was unlinked meanwhile gives ESTALE.
 */
class ReconnectAsUserTest {
    private static final int UID = 65534;

    @TempDir
    Path tmp;

    @Test
    void aDaemonAndClientRunningAsAnOrdinaryUidSurviveARestart() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to start processes as uid " + UID);
        Path home = Files.createDirectories(tmp.resolve("user"));
        Path export = Files.createDirectories(home.resolve("export"));
        run("chmod", "755", tmp.toString());
        run("chown", "-R", UID + ":" + UID, home.toString());
        Path socket = home.resolve("d.sock");
        try (DaemonProcess daemon = DaemonProcess.start(export, socket, tmp, UID)) {
            List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", readableClasspath(), UserClient.class.getName(),
                    daemon.endpoint()));
            Process client = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line; (line = out.readLine()) != null && !line.equals("open"); ) {
                lines.add(line);
            }
            assertTrue(client.isAlive(), String.join("\n", lines));

            daemon.stop();
            Files.delete(export.resolve("gone"));
            daemon.startAgain();
            try (OutputStream in = client.getOutputStream()) {
                in.write("go\n".getBytes(StandardCharsets.UTF_8));
            }
            out.lines().forEach(lines::add);
            assertTrue(client.waitFor(120, TimeUnit.SECONDS));
            String all = String.join("\n", lines);
            assertEquals(0, client.exitValue(), all);
            assertTrue(lines.contains("read=before"), all);
            assertTrue(lines.contains("gone=ESTALE"), all);
            assertTrue(lines.contains("events=[disconnected, reconnected lost=1]"), all);
            assertEquals(UID, Files.getAttribute(export.resolve("made-after"), "unix:uid"));
        }
    }

    /** This JVM's classpath with every entry the other uid could not read (under /root) copied where it can. */
    private String readableClasspath() throws IOException, InterruptedException {
        Path jars = Files.createDirectories(tmp.resolve("cp"));
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry).toAbsolutePath();
            if (p.startsWith("/root") && Files.isRegularFile(p)) {
                Path copy = jars.resolve((n++) + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                out.add(copy.toString());
            } else if (!p.startsWith("/root")) {
                out.add(p.toString());
            }
        }
        run("chmod", "-R", "a+rX", jars.toString());
        return String.join(File.pathSeparator, out);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertEquals(0, p.waitFor(), String.join(" ", command));
    }
}
