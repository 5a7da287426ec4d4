package io.lisa4j.server.config;

import io.lisa4j.tls.TlsFiles;
import java.nio.file.Path;

/**
 * TLS material for the TCP listeners, as readable PEM files: the server's certificate chain and
 * private key, and the CA that client certificates must chain to (mutual TLS is not optional).
 */
public record TlsSettings(Path certificate, Path privateKey, Path clientCa) {
    /** The files {@code lisa4j certs --dir DIR} writes for the server, each checked under {@code key}. */
    public static TlsSettings inDir(String key, String dir) {
        TlsFiles files = TlsFiles.in(Path.of(dir), "server");
        return new TlsSettings(Check.readable(key, files.cert().toString()), Check.readable(key,
                files.key().toString()), Check.readable(key, files.caCert().toString()));
    }

    public TlsFiles files() {
        return new TlsFiles(clientCa, certificate, privateKey);
    }
}
