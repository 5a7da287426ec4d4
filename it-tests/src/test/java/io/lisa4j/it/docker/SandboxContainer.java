package io.lisa4j.it.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * A sandbox container beside a {@link DaemonContainer}, as the README runs one: its own container,
 * an ordinary uid, the daemon's socket volume mounted at /run/lisa4j, and hardened the same way
 * (read-only root, noexec /tmp). It runs {@link SandboxClient} on this JVM's class path, mounted
 * read-only, with the Java runtime of the daemon's image.
 */
final class SandboxContainer {
    /** What the sandbox printed and how it exited. */
    record Outcome(int exitCode, String output) {}

    private SandboxContainer() {}

    static Outcome run(DaemonContainer daemon, int uid, String... clientArgs) throws Exception {
        List<Bind> binds = new ArrayList<>(List.of(new Bind(daemon.socketDir.toString(), new Volume("/run/lisa4j"))));
        StringJoiner classPath = new StringJoiner(":");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.exists(Path.of(entry))) {
                String inside = "/cp/" + binds.size() + (entry.endsWith(".jar") ? ".jar" : "");
                binds.add(new Bind(entry, new Volume(inside), AccessMode.ro));
                classPath.add(inside);
            }
        }
        List<String> command = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED",
                "-Djava.library.path=/opt/lisa4j/native", "-cp", classPath.toString(), SandboxClient.class.getName()));
        command.addAll(List.of(clientArgs));

        DockerClient docker = DockerClientFactory.instance().client();
        String id = docker.createContainerCmd(DaemonImage.get())
                .withUser(uid + ":" + uid)
                .withEntrypoint("java")
                .withCmd(command)
                .withHostConfig(HostConfig.newHostConfig().withBinds(binds).withReadonlyRootfs(true)
                        .withTmpFs(DaemonContainer.NOEXEC_TMP))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exit = docker.waitContainerCmd(id).start().awaitStatusCode(2, TimeUnit.MINUTES);
            StringBuilder output = new StringBuilder();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion(1, TimeUnit.MINUTES);
            return new Outcome(exit, output.toString());
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
