package io.lisa4j.conformance.wire;

import io.lisa4j.tls.Tls;
import io.lisa4j.tls.TlsFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * TLS 1.3 over TCP with the client's certificate, checking the server's against the host dialled,
 * as the SDK does. A blocking socket whose reads time out after the hang guard; a write the server
 * never drains is caught by the suite's per-case guard.
 */
final class TlsTransport implements WireTransport {
    private final SSLSocket socket;

    private TlsTransport(SSLSocket socket) {
        this.socket = socket;
    }

    static TlsTransport connect(InetSocketAddress address, TlsFiles files) throws IOException {
        Socket tcp = new Socket();
        try {
            tcp.connect(address);
            tcp.setTcpNoDelay(true);
            SSLSocket socket = (SSLSocket) Tls.context(files).getSocketFactory()
                    .createSocket(tcp, address.getHostString(), address.getPort(), true);
            SSLParameters p = socket.getSSLParameters();
            p.setProtocols(new String[] {Tls.PROTOCOL});
            p.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(p);
            socket.startHandshake();
            return new TlsTransport(socket);
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    @Override
    public boolean write(ByteBuffer buf, long guardMillis) throws IOException {
        socket.getOutputStream().write(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        socket.getOutputStream().flush();
        buf.position(buf.limit());
        return true;
    }

    @Override
    public int read(ByteBuffer buf, long guardMillis) throws IOException {
        socket.setSoTimeout((int) Math.max(1, guardMillis));
        try {
            int n = socket.getInputStream().read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
            if (n > 0) {
                buf.position(buf.position() + n);
            }
            return n;
        } catch (SocketTimeoutException nothingCame) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
