package io.lisa4j.it.nio;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The NIO suite on the default file system: proof that its expectations are the JDK's. */
class LocalNioTest extends NioBehaviourSuite {
    @TempDir
    Path temp;

    @Override
    protected Path newRoot() {
        return temp;
    }

    @Override
    protected boolean isLisa4j() {
        return false;
    }
}
