package io.lisa4j.client;

import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.MountReply;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.ResolveMode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** The async form of {@link Session}'s calls. */
public final class AsyncSession {
    private final Connection connection;

    AsyncSession(Connection connection) {
        this.connection = connection;
    }

    /** MOUNT by name (UTF-8); the mount walks paths in resolve mode IN_ROOT (ordinary chroot-like semantics) by default. */
    public CompletableFuture<AsyncRemoteFs> mount(String exportName) {
        return mount(exportName.getBytes(StandardCharsets.UTF_8));
    }

    public CompletableFuture<AsyncRemoteFs> mount(byte[] exportName) {
        Call<AsyncRemoteFs> call = new Call<>(Opcode.Mount, ProtocolConstants.NO_FSID,
                RequestBodies.mount(exportName), r -> {
                    MountReply m = MountReply.getRootAsMountReply(Replies.body(r));
                    int fsid = connection.mounted(exportName, (int) m.fsid());
                    return new AsyncRemoteFs(connection, fsid, WireValues.attr(m.root()), m.readOnly(),
                            ResolveMode.IN_ROOT);
                });
        return MountFailure.naming(connection.submit(call), exportName);
    }

    /** The cheapest round trip. */
    public CompletableFuture<Void> ping() {
        return connection.submit(new Call<>(Opcode.Ping, ProtocolConstants.NO_FSID, RequestBodies.ping(), r -> null));
    }
}
