package io.lisa4j.server;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.CloseRequest;
import io.lisa4j.protocol.fb.GetdentsRequest;
import io.lisa4j.protocol.fb.HandleRequest;
import io.lisa4j.protocol.fb.HelloRequest;
import io.lisa4j.protocol.fb.MountRequest;
import io.lisa4j.protocol.fb.OpenRequest;
import io.lisa4j.protocol.fb.PreadRequest;
import io.lisa4j.protocol.fb.PwriteRequest;
import io.lisa4j.protocol.fb.StatFsRequest;
import io.lisa4j.protocol.fb.StatRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Request bodies for tests, built with the generated FlatBuffers builders. */
final class Bodies {
    private Bodies() {}

    /** A PathSpec from the export root for "a/b/c". */
    static io.lisa4j.protocol.value.PathSpec spec(String path, io.lisa4j.protocol.value.ResolveMode mode) {
        return new io.lisa4j.protocol.value.PathSpec(0, WireValues.split(path), mode);
    }

    static ByteBuffer hello(int minVersion, int maxVersion, long features, long maxMessage) {
        FlatBufferBuilder b = new FlatBufferBuilder(64);
        int name = b.createString("raw-test");
        return done(b, HelloRequest.createHelloRequest(b, minVersion, maxVersion, features, maxMessage, name));
    }

    static ByteBuffer mount(String export) {
        FlatBufferBuilder b = new FlatBufferBuilder(64);
        int name = b.createByteVector(export.getBytes(StandardCharsets.UTF_8));
        return done(b, MountRequest.createMountRequest(b, name));
    }

    static ByteBuffer stat(long base, String path, boolean nofollow) {
        FlatBufferBuilder b = new FlatBufferBuilder(64);
        int ref = WireValues.pathRef(b, base, WireValues.split(path), 0);
        return done(b, StatRequest.createStatRequest(b, ref, nofollow));
    }

    static ByteBuffer stat(List<byte[]> components) {
        FlatBufferBuilder b = new FlatBufferBuilder(64);
        int ref = WireValues.pathRef(b, 0, components, 0);
        return done(b, StatRequest.createStatRequest(b, ref, false));
    }

    static ByteBuffer statFs(String path) {
        FlatBufferBuilder b = new FlatBufferBuilder(64);
        int ref = WireValues.pathRef(b, 0, WireValues.split(path), 0);
        return done(b, StatFsRequest.createStatFsRequest(b, ref));
    }

    static ByteBuffer open(long base, String path, int flags, int mode) {
        FlatBufferBuilder b = new FlatBufferBuilder(64);
        int ref = WireValues.pathRef(b, base, WireValues.split(path), 0);
        return done(b, OpenRequest.createOpenRequest(b, ref, flags, mode, false));
    }

    static ByteBuffer handle(long handle) {
        FlatBufferBuilder b = new FlatBufferBuilder(32);
        return done(b, HandleRequest.createHandleRequest(b, handle));
    }

    static ByteBuffer pread(long handle, long offset, long length) {
        FlatBufferBuilder b = new FlatBufferBuilder(32);
        return done(b, PreadRequest.createPreadRequest(b, handle, offset, length));
    }

    static ByteBuffer pwrite(long handle, long offset) {
        FlatBufferBuilder b = new FlatBufferBuilder(32);
        return done(b, PwriteRequest.createPwriteRequest(b, handle, offset));
    }

    static ByteBuffer getdents(long handle, long cookie, int maxEntries, boolean withAttrs) {
        FlatBufferBuilder b = new FlatBufferBuilder(32);
        return done(b, GetdentsRequest.createGetdentsRequest(b, handle, cookie, maxEntries, withAttrs));
    }

    static ByteBuffer close(long... handles) {
        FlatBufferBuilder b = new FlatBufferBuilder(32 + 8 * handles.length);
        int vector = CloseRequest.createHandlesVector(b, handles);
        return done(b, CloseRequest.createCloseRequest(b, vector));
    }

    private static ByteBuffer done(FlatBufferBuilder b, int root) {
        b.finish(root);
        return b.dataBuffer();
    }
}
