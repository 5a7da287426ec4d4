package io.lisa4j.it.nio;

/**
 * The RPC counts of {@link NioRpcCountTest} on a Unix socket with descriptor donation, the
 * default there: channels read, write and size their files locally, so only the metadata RPCs
 * (OPEN, CLOSE, STAT...) remain.
 */
class DonatedNioRpcCountTest extends NioRpcCountTest {
    @Override
    boolean donation() {
        return true;
    }
}
