package io.lisa4j.it.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The daemon image, built as the README says, by docker/build-image.sh (which builds the local
 * base image first when it is missing, since no registry is reachable here), from the reactor's
 * shaded jar.
 */
final class DaemonImage {
    static final Path TOP = Path.of(System.getProperty("lisa4j.top", "..")).toAbsolutePath().normalize();
    /** One tag per checkout, so that checkouts sharing a Docker engine never run each other's image. */
    private static final String NAME = "lisa4j/lisa4j-it:" + Integer.toHexString(TOP.toString().hashCode());
    private static boolean built;

    private DaemonImage() {}

    /** The image's name, built on first use by this JVM (Docker's layer cache keeps rebuilds short). */
    static synchronized String get() throws IOException, InterruptedException {
        if (!built) {
            Path jar = Path.of(System.getProperty("lisa4j.serverJar", "missing"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no daemon jar at " + jar + ": run the build through `package`");
            }
            // Its output goes to a file: written straight to this JVM's stdout, it would garble
            // the test runner's channel.
            Path log = Files.createTempFile("lisa4j-build-image-", ".log");
            ProcessBuilder script = new ProcessBuilder(TOP.resolve("docker/build-image.sh").toString(), NAME)
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            script.environment().put("LISA4J_JAR", jar.toString());
            Process build = script.start();
            boolean done = build.waitFor(10, TimeUnit.MINUTES);
            String output = Files.readString(log);
            Files.delete(log);
            if (!done || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("docker/build-image.sh " + NAME + " failed:\n" + output);
            }
            System.out.print(output);
            built = true;
        }
        return NAME;
    }
}
