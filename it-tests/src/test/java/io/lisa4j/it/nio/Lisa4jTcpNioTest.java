package io.lisa4j.it.nio;

import io.lisa4j.it.InProcessServer;

/** The NIO suite on lisa4j over loopback TCP. */
class Lisa4jTcpNioTest extends Lisa4jNioSuite {
    @Override
    InProcessServer.Transport transport() {
        return InProcessServer.Transport.TCP;
    }
}
