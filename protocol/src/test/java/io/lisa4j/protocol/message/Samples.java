package io.lisa4j.protocol.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.PathRef;
import io.lisa4j.protocol.fb.Timespec;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.protocol.value.PathSpec;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.protocol.value.Timestamp;
import java.nio.ByteBuffer;
import java.util.List;

/** Values with every field distinct and some at the edges of their unsigned ranges. */
final class Samples {
    private Samples() {}

    /** A name that is not UTF-8: Linux names are bytes. */
    static final byte[] RAW_NAME = {'n', (byte) 0xff, (byte) 0xfe, 'x'};

    static final PathSpec PATH = new PathSpec(0x1234_5678_9abc_def0L,
            List.of("dir".getBytes(), RAW_NAME, "..".getBytes()), ResolveMode.IN_ROOT);
    static final PathSpec OTHER_PATH = new PathSpec(0, List.of(new byte[] {(byte) 0xff}), ResolveMode.STOP);

    static FileAttr attr(int seed) {
        return new FileAttr(ProtocolConstants.STATX_BASIC_STATS | ProtocolConstants.STATX_BTIME,
                ProtocolConstants.S_IFREG | 0644, 3 + seed, 0xfffffffe, 1000 + seed, 4096,
                Long.MAX_VALUE - seed, 1L << 40, 77 + seed,
                new Timestamp(1_700_000_000L + seed, 1), new Timestamp(-5, 999_999_999),
                new Timestamp(42, 500_000_000), new Timestamp(1_600_000_000L, 123),
                0xffffffff, 7, 253, 1 + seed);
    }

    static FsStat fsStat() {
        return new FsStat(0xef53, 4096, 1L << 33, 1L << 32, (1L << 32) - 1, 1_000_000, 999_999, 255, 4096,
                0x20, -1L);
    }

    static void assertPath(PathSpec expected, PathRef actual) throws ErrnoException {
        assertEquals(expected.base(), actual.base());
        assertEquals(expected.mode().wireValue(), actual.mode());
        List<byte[]> got = WireValues.components(actual, 1000, 1000);
        assertEquals(expected.components().size(), got.size());
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(expected.components().get(i), got.get(i));
        }
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    static void assertTimespec(Timestamp expected, Timespec actual) {
        assertEquals(expected.seconds(), actual.sec());
        assertEquals(expected.nanos(), actual.nsec());
    }
}
