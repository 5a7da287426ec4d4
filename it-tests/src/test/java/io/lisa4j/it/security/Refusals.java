package io.lisa4j.it.security;

import static org.junit.jupiter.api.Assertions.fail;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Raw peers that must never get a single frame back from the server. */
final class Refusals {
    private Refusals() {}

    static byte[] helloFrame() {
        ByteBuffer body = RequestBodies.hello(1, 1, 0, ProtocolConstants.DEFAULT_MAX_MESSAGE, "raw");
        ByteBuffer frame = ByteBuffer.allocate(ProtocolConstants.HEADER_SIZE + body.remaining())
                .order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(ProtocolConstants.HEADER_AFTER_LENGTH + body.remaining()).putInt(1)
                .putShort((short) Opcode.Hello).putShort((short) 0).putInt(0).putInt(body.remaining()).put(body);
        return frame.array();
    }

    /**
     * Sends HELLO over {@code socket} (already handshaken, or plain) and requires the server to end
     * the connection without a reply: end of stream, a reset or a TLS alert.
     */
    static void assertNoReply(Socket socket) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(helloFrame());
            out.flush();
            InputStream in = socket.getInputStream();
            int b = in.read();
            if (b >= 0) {
                fail("server answered a refused peer (first byte " + b + ")");
            }
        } catch (IOException refused) {
            // A handshake failure, alert or reset: refused, as required.
        }
    }
}
