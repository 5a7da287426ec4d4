package io.lisa4j.protocol.message;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.Timespec;
import io.lisa4j.protocol.value.PathSpec;
import io.lisa4j.protocol.value.Timestamp;
import java.nio.ByteBuffer;

/** Building blocks shared by the request and reply encoders. */
final class Bodies {
    private Bodies() {}

    static FlatBufferBuilder builder() {
        return new FlatBufferBuilder(128);
    }

    /** Finishes the buffer with {@code root} and returns exactly the body's bytes. */
    static ByteBuffer finish(FlatBufferBuilder b, int root) {
        b.finish(root);
        return b.dataBuffer();
    }

    static int pathRef(FlatBufferBuilder b, PathSpec path) {
        return WireValues.pathRef(b, path.base(), path.components(), path.mode().wireValue());
    }

    /** Writes a Timespec struct inline; call it right before the table's add method. */
    static int timespec(FlatBufferBuilder b, Timestamp t) {
        return Timespec.createTimespec(b, t.seconds(), t.nanos(), 0);
    }
}
