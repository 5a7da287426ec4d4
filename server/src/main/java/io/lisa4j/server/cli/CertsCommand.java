package io.lisa4j.server.cli;

import io.lisa4j.tls.CertificateAuthority;
import io.lisa4j.tls.TlsFiles;
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
@Command(name = "certs", mixinStandardHelpOptions = true, sortOptions = false,
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
        Files.createDirectories(dir);
        Duration validity = Duration.ofDays(days);
        Path caCert = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca-key.pem");
        CertificateAuthority ca;
        if (Files.exists(caCert) && Files.exists(caKey)) {
            ca = CertificateAuthority.load(caCert, caKey);
        } else {
            ca = CertificateAuthority.create("lisa4j CA", Duration.ofDays(Math.max(days, 365)));
            ca.write(caCert, caKey);
            System.out.println("created CA " + caCert);
        }
        if (!serverHosts.isEmpty()) {
            TlsFiles f = TlsFiles.in(dir, "server");
            ca.issueServer("server", serverHosts, validity).write(f.cert(), f.key(), ca.certificate());
            System.out.println("issued server certificate " + f.cert() + " for " + serverHosts);
        }
        for (String client : clients) {
            TlsFiles f = TlsFiles.in(dir, client);
            ca.issueClient(client, validity).write(f.cert(), f.key(), ca.certificate());
            System.out.println("issued client certificate " + f.cert() + " (identity tls:" + client + ")");
        }
        return 0;
    }
}
