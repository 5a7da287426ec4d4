package io.lisa4j.tls;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/** The Bouncy Castle providers, used by instance, never installed JVM-wide. */
final class Providers {
    static final Provider BC = new BouncyCastleProvider();
    static final Provider BCJSSE = new BouncyCastleJsseProvider(BC);

    private Providers() {}
}
