package io.lisa4j.it.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The daemon image, built by Testcontainers from docker/Dockerfile with the reactor's shaded jar, on
 * the locally built base image (docker/build-base-image.sh runs first if that image is missing,
 * since no registry is reachable here).
 */
final class DaemonImage {
    static final String BASE_IMAGE = "lisa4j/jre-base:25";
    static final Path TOP = Path.of(System.getProperty("lisa4j.top", "..")).toAbsolutePath().normalize();
    private static ImageFromDockerfile image;

    private DaemonImage() {}

    static synchronized ImageFromDockerfile get() throws IOException, InterruptedException {
        if (image == null) {
            ensureBaseImage();
            Path jar = Path.of(System.getProperty("lisa4j.serverJar", "missing"));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("no daemon jar at " + jar + ": run the build through `package`");
            }
            Path docker = TOP.resolve("docker");
            image = new ImageFromDockerfile("lisa4j/lisa4j-it", false)
                    .withFileFromPath("Dockerfile", docker.resolve("Dockerfile"))
                    .withFileFromPath("image", docker.resolve("image"))
                    .withFileFromPath("lisa4j.jar", jar)
                    .withBuildArg("BASE_IMAGE", BASE_IMAGE);
        }
        return image;
    }

    private static void ensureBaseImage() throws IOException, InterruptedException {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(BASE_IMAGE).exec();
            return;
        } catch (NotFoundException missing) {
            // Built below.
        }
        Process build = new ProcessBuilder(TOP.resolve("docker/build-base-image.sh").toString(), BASE_IMAGE)
                .inheritIO().start();
        if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
            throw new IllegalStateException("docker/build-base-image.sh failed");
        }
    }
}
