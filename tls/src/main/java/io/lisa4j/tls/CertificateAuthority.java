package io.lisa4j.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority: ECDSA P-256 keys, a CA certificate that signs only
 * certificates, and leaf certificates for a server (serverAuth, DNS/IP names) or a client
 * (clientAuth), each carrying its identity as a {@code lisa4j:} URI in the SAN.
 */
public final class CertificateAuthority {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** A leaf certificate and its key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
        /** Writes the certificate (followed by the CA's) and the key (mode 0600) as PEM. */
        public void write(Path certFile, Path keyFile, X509Certificate ca) throws IOException {
            Pem.write(certFile, false, certificate, ca);
            Pem.write(keyFile, true, key);
        }
    }

    public static CertificateAuthority create(String name, Duration validity) throws IOException {
        KeyPair pair = newKeyPair();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(subject, subject, pair.getPublic(), now.minusSeconds(60),
                    now.plus(validity))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()));
            return new CertificateAuthority(sign(b, pair.getPrivate()), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot create CA", e);
        }
    }

    public static CertificateAuthority load(Path certFile, Path keyFile) throws IOException {
        return new CertificateAuthority(Pem.certificates(certFile).getFirst(), Pem.privateKey(keyFile));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public void write(Path certFile, Path keyFile) throws IOException {
        Pem.write(certFile, false, certificate);
        Pem.write(keyFile, true, key);
    }

    /** A server certificate valid for {@code hosts} (DNS names or IP literals) from now. */
    public Issued issueServer(String identity, List<String> hosts, Duration validity) throws IOException {
        Instant now = Instant.now();
        return issue(identity, hosts, KeyPurposeId.id_kp_serverAuth, now.minusSeconds(60), now.plus(validity));
    }

    /** A client certificate valid from now. */
    public Issued issueClient(String identity, Duration validity) throws IOException {
        Instant now = Instant.now();
        return issueClient(identity, now.minusSeconds(60), now.plus(validity));
    }

    /** A client certificate for an explicit window (tests use one that has already ended). */
    public Issued issueClient(String identity, Instant notBefore, Instant notAfter) throws IOException {
        return issue(identity, List.of(), KeyPurposeId.id_kp_clientAuth, notBefore, notAfter);
    }

    private Issued issue(String identity, List<String> hosts, KeyPurposeId purpose, Instant notBefore,
            Instant notAfter) throws IOException {
        KeyPair pair = newKeyPair();
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.uniformResourceIdentifier, Identities.uri(identity)));
        for (String host : hosts) {
            names.add(isIpLiteral(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(X500Name.getInstance(certificate.getSubjectX500Principal()
                    .getEncoded()), new X500Name("CN=" + identity), pair.getPublic(), notBefore, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate));
            return new Issued(sign(b, key), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot issue certificate for " + identity, e);
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey publicKey,
            Instant notBefore, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                Date.from(notBefore), Date.from(notAfter), subject, publicKey);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) throws IOException {
        try {
            return new JcaX509CertificateConverter().setProvider(Providers.BC).getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Providers.BC).build(signer)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IOException("cannot sign certificate", e);
        }
    }

    private static KeyPair newKeyPair() throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Providers.BC);
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate key", e);
        }
    }

}
