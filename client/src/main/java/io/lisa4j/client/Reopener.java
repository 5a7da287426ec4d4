package io.lisa4j.client;

import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.message.RequestBodies;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.PathSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Opens a session's open files again on a new link, by the path and flags they were opened with,
 * less O_CREAT, O_EXCL and O_TRUNC: reopening never creates or truncates. A file is the same only
 * if the new handle shows the device and inode the first OPEN reported; a file unlinked or
 * replaced meanwhile, or one that never had a name (O_TMPFILE), becomes stale (ESTALE).
 */
final class Reopener {
    private static final int NOT_AGAIN = ProtocolConstants.O_CREAT | ProtocolConstants.O_EXCL | ProtocolConstants.O_TRUNC;

    private final Link link;

    private record Reopened(long handle, FileAttr attr, DonatedFd local) {}

    Reopener(Link link) {
        this.link = link;
    }

    /** Reopens {@code files} (in the order they were opened); returns what could not be reopened. */
    List<String> reopen(List<AsyncRemoteFile> files) throws IOException {
        List<String> lost = new ArrayList<>();
        Map<AsyncRemoteFile, CompletableFuture<Reopened>> pipelined = new LinkedHashMap<>();
        List<AsyncRemoteFile> relative = new ArrayList<>();
        for (AsyncRemoteFile f : files) {
            if (f.isClosed() || f.staleCause() != null) {
                continue;
            }
            if ((f.flags() & ProtocolConstants.O_TMPFILE) == ProtocolConstants.O_TMPFILE) {
                lost.add(stale(f, "cannot be opened again: it has no name (O_TMPFILE)"));
            } else if (f.path().base() != null) {
                relative.add(f); // after the directory it is relative to
            } else {
                pipelined.put(f, send(f));
            }
        }
        for (Map.Entry<AsyncRemoteFile, CompletableFuture<Reopened>> e : pipelined.entrySet()) {
            settle(e.getKey(), e.getValue(), lost);
        }
        for (AsyncRemoteFile f : relative) {
            if (f.path().base().async().staleCause() != null) {
                lost.add(stale(f, "cannot be opened again: its directory could not be"));
            } else {
                settle(f, send(f), lost);
            }
        }
        return lost;
    }

    private CompletableFuture<Reopened> send(AsyncRemoteFile f) {
        FdChannel fds = link.fdChannel();
        boolean donate = fds != null && (f.flags() & ProtocolConstants.O_PATH) == 0;
        RemotePath p = f.path();
        PathSpec spec = new PathSpec(p.baseHandle(), p.rawComponents(), p.mode());
        return link.submit(new Call<>(Opcode.Open, f.fs().fsid(),
                RequestBodies.open(spec, f.flags() & ~NOT_AGAIN, 0, donate), r -> {
                    OpenReply o = OpenReply.getRootAsOpenReply(Replies.body(r));
                    DonatedFd local = o.donated() && fds != null ? new DonatedFd(fds.take(r.requestId())) : null;
                    return new Reopened(o.handle(), WireValues.attr(o.attr()), local);
                }), false);
    }

    private void settle(AsyncRemoteFile f, CompletableFuture<Reopened> reply, List<String> lost) throws IOException {
        Reopened r;
        try {
            r = Blocking.await(link, reply);
        } catch (ConnectionLostException e) {
            throw e;
        } catch (ErrnoException e) {
            lost.add(stale(f, "could not be opened again (" + e.getMessage() + ")"));
            return;
        }
        if (!sameFile(f.attr(), r.attr())) {
            discard(f, r);
            lost.add(stale(f, "was replaced by another file"));
            return;
        }
        f.rebind(r.handle(), link.generation(), r.local());
        if (f.isClosed()) {
            // Closed while it was being reopened: nobody will close the new handle.
            discard(f, r);
        }
    }

    private void discard(AsyncRemoteFile f, Reopened r) {
        if (r.local() != null) {
            r.local().close();
        }
        link.submit(new Call<Void>(Opcode.Close, f.fs().fsid(), RequestBodies.close(r.handle()),
                x -> null), false);
    }

    private static boolean sameFile(FileAttr known, FileAttr now) {
        return known != null && now != null && known.ino() == now.ino() && known.devMajor() == now.devMajor()
                && known.devMinor() == now.devMinor();
    }

    private static String stale(AsyncRemoteFile f, String why) {
        f.stale(why);
        return "open file " + f.path() + " " + why;
    }
}
