package io.lisa4j.server.cli;

import io.lisa4j.server.log.Reason;
import io.lisa4j.tls.CertificateAuthority;
import io.lisa4j.tls.TlsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lisa4j certs}: a private CA and the certificates a mutual-TLS deployment needs, as PEM
 * files in one directory. An existing CA there is reused, so clients can be added later.
 */
@Command(name = "certs", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Creates a private CA (ca.pem, ca-key.pem) and server and client certificates signed by it.",
                "Each certificate carries its identity in the SAN as the URI lisa4j:NAME; grant it with",
                "  lisa4j serve --allow EXPORT=tls:NAME[:ro|:rw]"})
final class CertsCommand implements Callable<Integer> {
    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Where the PEM files go.")
    Path dir;

    @Option(names = "--server", paramLabel = "HOST",
            description = "Issue server.pem/server-key.pem valid for HOST (DNS name or IP). Repeatable.")
    List<String> serverHosts = new ArrayList<>();

    @Option(names = "--client", paramLabel = "NAME",
            description = "Issue NAME.pem/NAME-key.pem for client identity NAME. Repeatable.")
    List<String> clients = new ArrayList<>();

    @Option(names = "--days", paramLabel = "N", description = "Validity of new certificates (default ${DEFAULT-VALUE}).")
    int days = 30;

    @Override
    public Integer call() throws Exception {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create directory " + dir + ": " + Reason.of(e), e);
        }
        Duration validity = Duration.ofDays(days);
        Path caCert = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca-key.pem");
        CertificateAuthority ca;
        if (Files.exists(caCert) && Files.exists(caKey)) {
            ca = step("cannot load the CA from " + caCert + " and " + caKey,
                    () -> CertificateAuthority.load(caCert, caKey));
        } else {
            ca = step("cannot create the CA", () -> CertificateAuthority.create("lisa4j CA",
                    Duration.ofDays(Math.max(days, 365))));
            CertificateAuthority created = ca;
            step("cannot write " + caCert + " and " + caKey, () -> {
                created.write(caCert, caKey);
                return null;
            });
            System.out.println("created CA " + caCert);
        }
        CertificateAuthority signer = ca;
        if (!serverHosts.isEmpty()) {
            TlsFiles f = TlsFiles.in(dir, "server");
            step("cannot issue " + f.cert(), () -> {
                signer.issueServer("server", serverHosts, validity).write(f.cert(), f.key(), signer.certificate());
                return null;
            });
            System.out.println("issued server certificate " + f.cert() + " for " + serverHosts);
        }
        for (String client : clients) {
            TlsFiles f = TlsFiles.in(dir, client);
            step("cannot issue " + f.cert(), () -> {
                signer.issueClient(client, validity).write(f.cert(), f.key(), signer.certificate());
                return null;
            });
            System.out.println("issued client certificate " + f.cert() + " (identity tls:" + client + ")");
        }
        return 0;
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    /** Runs {@code step}; a failure says {@code what} could not be done, and why. */
    private static <T> T step(String what, Step<T> step) throws IOException {
        try {
            return step.run();
        } catch (IOException e) {
            throw new IOException(what + ": " + Reason.of(e), e);
        }
    }
}
