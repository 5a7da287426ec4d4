package io.lisa4j.client;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Conveniences that loop over several RPCs. Everything else in the SDK is one RPC per call;
 * these are not, which is why they live apart and say so in their name.
 */
public final class MultiRpc {
    private MultiRpc() {}

    /** PREADs from {@code offset} until {@code length} bytes or end of file, whichever comes first. */
    public static byte[] readFully(RemoteFile file, long offset, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(length, 1 << 20));
        while (out.size() < length) {
            ReadResult r = file.pread(offset + out.size(), length - out.size());
            out.write(r.data());
            if (r.eof() || r.count() == 0) {
                break;
            }
        }
        return out.toByteArray();
    }

    /** PWRITEs all of {@code data} at {@code offset}, in pieces that each fit one frame. */
    public static void writeFully(RemoteFile file, long offset, byte[] data) throws IOException {
        int chunk = file.async().maxDataPerRpc();
        int done = 0;
        while (done < data.length) {
            int n = Math.min(chunk, data.length - done);
            WriteResult w = file.pwrite(offset + done, Arrays.copyOfRange(data, done, done + n));
            if (w.written() <= 0) {
                throw new ErrnoException(Errno.EIO, "pwrite made no progress at offset " + (offset + done));
            }
            done += w.written();
        }
    }
}
