package io.lisa4j.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A peer's identity is carried in its certificate's subject alternative name as the URI
 * {@code lisa4j:<identity>}, so it never depends on DNS or on the subject's free-form text.
 */
public final class Identities {
    public static final String URI_PREFIX = "lisa4j:";
    private static final int SAN_URI = 6;

    private Identities() {}

    public static String uri(String identity) {
        if (identity.isEmpty() || !identity.matches("[A-Za-z0-9._@-]+")) {
            throw new IllegalArgumentException("identity must be letters, digits and ._@- : " + identity);
        }
        return URI_PREFIX + identity;
    }

    /** The identity in {@code cert}'s SAN, if it has exactly one. */
    public static Optional<String> of(X509Certificate cert) {
        Collection<List<?>> names;
        try {
            names = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        if (names == null) {
            return Optional.empty();
        }
        List<String> found = names.stream()
                .filter(n -> n.size() == 2 && Integer.valueOf(SAN_URI).equals(n.get(0)))
                .map(n -> String.valueOf(n.get(1)))
                .filter(u -> u.startsWith(URI_PREFIX))
                .map(u -> u.substring(URI_PREFIX.length()))
                .toList();
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }
}
