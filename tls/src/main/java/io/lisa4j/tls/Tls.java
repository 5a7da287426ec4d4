package io.lisa4j.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS 1.3 through the BCJSSE provider. The trust store holds only the configured CA, never the
 * JDK's public roots; servers require a client certificate; clients check the server's
 * certificate against the host they dialled.
 */
public final class Tls {
    public static final String PROTOCOL = "TLSv1.3";
    private static final char[] NO_PASSWORD = new char[0];

    private Tls() {}

    /** An SSLContext holding the key and certificate chain of {@code files}, trusting only its CA. */
    public static SSLContext context(TlsFiles files) throws IOException {
        List<X509Certificate> chain = Pem.certificates(files.cert());
        PrivateKey key = Pem.privateKey(files.key());
        List<X509Certificate> cas = Pem.certificates(files.caCert());
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("me", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("ca" + i, cas.get(i));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", Providers.BCJSSE);
            kmf.init(keys, NO_PASSWORD);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", Providers.BCJSSE);
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance(PROTOCOL, Providers.BCJSSE);
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build TLS context from " + files, e);
        }
    }

    /** A server engine: TLS 1.3 only, a client certificate required. */
    public static SSLEngine serverEngine(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {PROTOCOL});
        p.setNeedClientAuth(true);
        engine.setSSLParameters(p);
        return engine;
    }

    /** A client engine for {@code host}: TLS 1.3 only, the server's certificate must name the host. */
    public static SSLEngine clientEngine(SSLContext context, String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {PROTOCOL});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        return engine;
    }
}
