package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.message.ReplyBodies;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.CloseRequest;
import io.lisa4j.protocol.fb.Dirent;
import io.lisa4j.protocol.fb.FallocateRequest;
import io.lisa4j.protocol.fb.FgetXattrRequest;
import io.lisa4j.protocol.fb.FremoveXattrRequest;
import io.lisa4j.protocol.fb.FsetAttrRequest;
import io.lisa4j.protocol.fb.FsetXattrRequest;
import io.lisa4j.protocol.fb.FsyncRequest;
import io.lisa4j.protocol.fb.FtruncateRequest;
import io.lisa4j.protocol.fb.GetdentsReply;
import io.lisa4j.protocol.fb.GetdentsRequest;
import io.lisa4j.protocol.fb.HandleRequest;
import io.lisa4j.protocol.fb.PreadRequest;
import io.lisa4j.protocol.fb.PwriteRequest;
import io.lisa4j.server.session.HandleTable;
import io.lisa4j.server.spi.BackendFile;
import io.lisa4j.server.spi.DirBatch;
import io.lisa4j.server.spi.SetAttrSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;

/** The handle-based opcodes (§8.3). */
final class HandleOps {
    /**
     * The most one Dirent can take in a reply: a 255-byte name vector, the table with an inline
     * Attr, its vtable and its slot in the entries vector, rounded up.
     */
    private static final int DIRENT_WITH_ATTR_BYTES = 512;
    private static final int DIRENT_BYTES = 320;
    /** Room for GetdentsReply's own table and the vector header. */
    private static final int GETDENTS_OVERHEAD = 64;

    private HandleOps() {}

    /** FSTAT, FSTATFS and FREADLINK carry just a handle. */
    private static BackendFile handleOf(Call c) throws ErrnoException {
        return c.file(HandleRequest.getRootAsHandleRequest(c.body()).handle());
    }

    static Action fstat(Call c) throws ErrnoException {
        BackendFile f = handleOf(c);
        return () -> Replies.attr(f.fstat());
    }

    static Action fstatfs(Call c) throws ErrnoException {
        BackendFile f = handleOf(c);
        return () -> Replies.statFs(f.fstatfs());
    }

    static Action freadlink(Call c) throws ErrnoException {
        BackendFile f = handleOf(c);
        return () -> Replies.bytes(f.freadlink());
    }

    static Action flistxattr(Call c) throws ErrnoException {
        BackendFile f = handleOf(c);
        return () -> Replies.names(f.flistxattr());
    }

    static Action pread(Call c) throws ErrnoException {
        PreadRequest r = PreadRequest.getRootAsPreadRequest(c.body());
        BackendFile f = c.file(r.handle());
        long offset = r.offset();
        int length = f.readLength((int) Math.min(r.length(), c.maxMessageSize() - ProtocolConstants.DATA_HEADROOM));
        ByteBufAllocator alloc = c.alloc();
        return () -> {
            ByteBuf data = alloc.directBuffer(length);
            try {
                return Pending.reply(f.read(offset, data.nioBuffer(0, length)), read -> {
                    data.writerIndex(read.count());
                    return Reply.ok(ReplyBodies.pread(read.eof()), data);
                }, data::release);
            } catch (Throwable t) {
                data.release();
                throw t;
            }
        };
    }

    static Action pwrite(Call c) throws ErrnoException {
        PwriteRequest r = PwriteRequest.getRootAsPwriteRequest(c.body());
        BackendFile f = c.file(r.handle());
        long offset = r.offset();
        ByteBuffer src = c.data().nioBuffer();
        // The reply carries the attributes after the write so the client's cache needs no FSTAT.
        return () -> Pending.reply(f.write(offset, src), written -> Reply.ok(ReplyBodies.pwrite(written, f.fstat())),
                () -> {});
    }

    static Action fsync(Call c) throws ErrnoException {
        FsyncRequest r = FsyncRequest.getRootAsFsyncRequest(c.body());
        BackendFile f = c.file(r.handle());
        boolean dataOnly = r.datasync();
        return () -> {
            f.fsync(dataOnly);
            return Reply.ok();
        };
    }

    static Action ftruncate(Call c) throws ErrnoException {
        FtruncateRequest r = FtruncateRequest.getRootAsFtruncateRequest(c.body());
        BackendFile f = c.file(r.handle());
        long size = r.size();
        return () -> Replies.attr(f.ftruncate(size));
    }

    static Action fallocate(Call c) throws ErrnoException {
        FallocateRequest r = FallocateRequest.getRootAsFallocateRequest(c.body());
        BackendFile f = c.file(r.handle());
        long offset = r.offset();
        long length = r.length();
        int mode = Requests.fallocateMode(r.mode(), offset, length);
        return () -> Replies.attr(f.fallocate(mode, offset, length));
    }

    static Action getdents(Call c) throws ErrnoException {
        GetdentsRequest r = GetdentsRequest.getRootAsGetdentsRequest(c.body());
        BackendFile f = c.file(r.handle());
        long cookie = r.cookie();
        boolean withAttrs = r.withAttrs();
        int fit = (c.maxMessageSize() - ProtocolConstants.HEADER_SIZE - GETDENTS_OVERHEAD)
                / (withAttrs ? DIRENT_WITH_ATTR_BYTES : DIRENT_BYTES);
        long asked = r.maxEntries();
        int maxEntries = asked == 0 ? fit : (int) Math.min(asked, fit);
        return () -> getdentsReply(f.getdents(cookie, maxEntries, withAttrs));
    }

    private static Reply getdentsReply(DirBatch batch) {
        return Reply.ok(ReplyBodies.getdents(batch.entries(), batch.eof()));
    }

    static Action fsetAttr(Call c) throws ErrnoException {
        FsetAttrRequest r = FsetAttrRequest.getRootAsFsetAttrRequest(c.body());
        BackendFile f = c.file(r.handle());
        SetAttrSpec spec = Requests.setAttr(r.mask(), r.mode(), r.uid(), r.gid(), r.size(), r.atime(), r.mtime());
        return () -> Replies.setAttr(f.fsetattr(spec));
    }

    static Action fgetXattr(Call c) throws ErrnoException {
        FgetXattrRequest r = FgetXattrRequest.getRootAsFgetXattrRequest(c.body());
        BackendFile f = c.file(r.handle());
        byte[] name = Requests.xattrName(r.nameAsByteBuffer());
        return () -> Replies.bytes(f.fgetxattr(name));
    }

    static Action fsetXattr(Call c) throws ErrnoException {
        FsetXattrRequest r = FsetXattrRequest.getRootAsFsetXattrRequest(c.body());
        BackendFile f = c.file(r.handle());
        byte[] name = Requests.xattrName(r.nameAsByteBuffer());
        byte[] value = Requests.xattrValue(r.valueAsByteBuffer());
        int flags = Requests.xattrFlags(r.flags());
        return () -> Replies.attr(f.fsetxattr(name, value, flags));
    }

    static Action fremoveXattr(Call c) throws ErrnoException {
        FremoveXattrRequest r = FremoveXattrRequest.getRootAsFremoveXattrRequest(c.body());
        BackendFile f = c.file(r.handle());
        byte[] name = Requests.xattrName(r.nameAsByteBuffer());
        return () -> Replies.attr(f.fremovexattr(name));
    }

    static Action close(Call c) throws ErrnoException {
        CloseRequest r = CloseRequest.getRootAsCloseRequest(c.body());
        int n = r.handlesLength();
        // Each handle takes 8 bytes of the body: a larger count is a lie, checked before allocating.
        if (n < 0 || (long) n * Long.BYTES > c.bodyLength()) {
            throw new ErrnoException(Errno.EBADMSG, "close of " + n + " handles");
        }
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.handles(i);
        }
        HandleTable handles = c.session().handles();
        int fsid = c.fsid();
        return () -> {
            int[] results = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                results[i] = handles.close(fsid, ids[i]);
            }
            return Reply.ok(ReplyBodies.close(results));
        };
    }
}
