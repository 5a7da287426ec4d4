package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.AccessRequest;
import io.lisa4j.protocol.fb.GetXattrRequest;
import io.lisa4j.protocol.fb.LinkRequest;
import io.lisa4j.protocol.fb.ListXattrRequest;
import io.lisa4j.protocol.fb.MkdirRequest;
import io.lisa4j.protocol.fb.MknodRequest;
import io.lisa4j.protocol.fb.OpenRequest;
import io.lisa4j.protocol.fb.ReadlinkRequest;
import io.lisa4j.protocol.fb.RemoveXattrRequest;
import io.lisa4j.protocol.fb.RenameRequest;
import io.lisa4j.protocol.fb.SetAttrRequest;
import io.lisa4j.protocol.fb.SetXattrRequest;
import io.lisa4j.protocol.fb.StatFsRequest;
import io.lisa4j.protocol.fb.StatRequest;
import io.lisa4j.protocol.fb.SymlinkRequest;
import io.lisa4j.protocol.fb.UnlinkRequest;
import io.lisa4j.server.session.Donation;
import io.lisa4j.server.session.HandleTable;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.Lookup;
import io.lisa4j.server.spi.Opened;
import io.lisa4j.server.spi.SetAttrSpec;

/**
 * The path-based opcodes (§8.2). Both paths of RENAME and LINK resolve in the header's fsid: the
 * protocol cannot name two exports in one request, so a cross-export rename never reaches the
 * server; the client, which knows both fsids, answers EXDEV itself.
 */
final class PathOps {
    private PathOps() {}

    static Action stat(Call c) throws ErrnoException {
        StatRequest r = StatRequest.getRootAsStatRequest(c.body());
        Lookup at = c.lookup(r.path());
        boolean nofollow = r.nofollow();
        ExportBackend fs = c.export();
        return () -> Replies.attr(fs.stat(at, nofollow));
    }

    static Action open(Call c) throws ErrnoException {
        OpenRequest r = OpenRequest.getRootAsOpenRequest(c.body());
        Lookup at = c.lookup(r.path());
        int flags = Requests.u32(r.flags());
        int mode = Requests.u32(r.mode());
        ExportBackend fs = c.export();
        HandleTable handles = c.session().handles();
        int fsid = c.fsid();
        Donation donation = r.donateFd() ? c.session().donation() : null;
        int requestId = c.requestId();
        return () -> {
            handles.reserve();
            Opened opened;
            try {
                opened = fs.open(at, flags, mode);
            } catch (Exception e) {
                handles.unreserve();
                throw e;
            }
            long handle = handles.add(fsid, opened.file());
            return Replies.opened(handle, opened, donate(donation, requestId, opened));
        };
    }

    /**
     * Sends the opened file's descriptor on the side-channel before the reply leaves, so the client
     * finds it queued when the reply arrives (§3.3). Best effort: any failure means no donation.
     */
    private static boolean donate(Donation donation, int requestId, Opened opened) {
        if (donation == null || !donation.attached()) {
            return false;
        }
        int dup;
        try {
            dup = opened.file().dupForDonation();
        } catch (ErrnoException e) {
            return false;
        }
        return dup >= 0 && donation.send(requestId, dup);
    }

    static Action mkdir(Call c) throws ErrnoException {
        MkdirRequest r = MkdirRequest.getRootAsMkdirRequest(c.body());
        Lookup at = c.namedLookup(r.path());
        int mode = Requests.u32(r.mode());
        ExportBackend fs = c.export();
        return () -> Replies.entry(fs.mkdir(at, mode));
    }

    static Action mknod(Call c) throws ErrnoException {
        MknodRequest r = MknodRequest.getRootAsMknodRequest(c.body());
        Lookup at = c.namedLookup(r.path());
        int mode = Requests.u32(r.mode());
        int major = Requests.u32(r.rdevMajor());
        int minor = Requests.u32(r.rdevMinor());
        ExportBackend fs = c.export();
        return () -> Replies.entry(fs.mknod(at, mode, major, minor));
    }

    static Action symlink(Call c) throws ErrnoException {
        SymlinkRequest r = SymlinkRequest.getRootAsSymlinkRequest(c.body());
        Lookup at = c.namedLookup(r.path());
        byte[] target = Requests.symlinkTarget(r.targetAsByteBuffer());
        ExportBackend fs = c.export();
        return () -> Replies.entry(fs.symlink(at, target));
    }

    static Action link(Call c) throws ErrnoException {
        LinkRequest r = LinkRequest.getRootAsLinkRequest(c.body());
        Lookup existing = c.lookup(r.oldPath());
        Lookup newPath = c.namedLookup(c.destination(r.newFsid()), r.newPath());
        boolean follow = r.follow();
        ExportBackend fs = c.export();
        return () -> Replies.entry(fs.link(existing, newPath, follow));
    }

    static Action readlink(Call c) throws ErrnoException {
        ReadlinkRequest r = ReadlinkRequest.getRootAsReadlinkRequest(c.body());
        Lookup at = c.lookup(r.path());
        ExportBackend fs = c.export();
        return () -> Replies.bytes(fs.readlink(at));
    }

    static Action unlink(Call c) throws ErrnoException {
        UnlinkRequest r = UnlinkRequest.getRootAsUnlinkRequest(c.body());
        Lookup at = c.namedLookup(r.path());
        int flags = Requests.u32(r.flags());
        ExportBackend fs = c.export();
        return () -> Replies.unlinked(fs.unlink(at, flags));
    }

    static Action rename(Call c) throws ErrnoException {
        RenameRequest r = RenameRequest.getRootAsRenameRequest(c.body());
        int flags = Requests.u32(r.flags());
        // Checked before either path, as renameat2 does; anything else (RENAME_WHITEOUT among them, which
        // would plant a character device) is undefined in the protocol (§8.2.9).
        if ((flags & ~(ProtocolConstants.RENAME_NOREPLACE | ProtocolConstants.RENAME_EXCHANGE)) != 0
                || flags == (ProtocolConstants.RENAME_NOREPLACE | ProtocolConstants.RENAME_EXCHANGE)) {
            throw new ErrnoException(Errno.EINVAL, "RENAME flags " + flags);
        }
        Lookup from = c.namedLookup(r.oldPath());
        Lookup to = c.namedLookup(c.destination(r.newFsid()), r.newPath());
        ExportBackend fs = c.export();
        return () -> Replies.renamed(fs.rename(from, to, flags));
    }

    static Action setAttr(Call c) throws ErrnoException {
        SetAttrRequest r = SetAttrRequest.getRootAsSetAttrRequest(c.body());
        Lookup at = c.lookup(r.path());
        boolean nofollow = r.nofollow();
        SetAttrSpec spec = Requests.setAttr(r.mask(), r.mode(), r.uid(), r.gid(), r.size(), r.atime(), r.mtime());
        ExportBackend fs = c.export();
        return () -> Replies.setAttr(fs.setattr(at, nofollow, spec));
    }

    static Action statFs(Call c) throws ErrnoException {
        StatFsRequest r = StatFsRequest.getRootAsStatFsRequest(c.body());
        Lookup at = c.lookup(r.path());
        ExportBackend fs = c.export();
        return () -> Replies.statFs(fs.statfs(at));
    }

    static Action access(Call c) throws ErrnoException {
        AccessRequest r = AccessRequest.getRootAsAccessRequest(c.body());
        Lookup at = c.lookup(r.path());
        int mode = Requests.u32(r.mode());
        int flags = Requests.u32(r.flags());
        ExportBackend fs = c.export();
        return () -> {
            fs.access(at, mode, flags);
            return Reply.ok();
        };
    }

    static Action getXattr(Call c) throws ErrnoException {
        GetXattrRequest r = GetXattrRequest.getRootAsGetXattrRequest(c.body());
        Lookup at = c.lookup(r.path());
        boolean nofollow = r.nofollow();
        byte[] name = Requests.xattrName(r.nameAsByteBuffer());
        ExportBackend fs = c.export();
        return () -> Replies.bytes(fs.getxattr(at, nofollow, name));
    }

    static Action setXattr(Call c) throws ErrnoException {
        SetXattrRequest r = SetXattrRequest.getRootAsSetXattrRequest(c.body());
        Lookup at = c.lookup(r.path());
        boolean nofollow = r.nofollow();
        byte[] name = Requests.xattrName(r.nameAsByteBuffer());
        byte[] value = Requests.xattrValue(r.valueAsByteBuffer());
        int flags = Requests.xattrFlags(r.flags());
        ExportBackend fs = c.export();
        return () -> Replies.attr(fs.setxattr(at, nofollow, name, value, flags));
    }

    static Action listXattr(Call c) throws ErrnoException {
        ListXattrRequest r = ListXattrRequest.getRootAsListXattrRequest(c.body());
        Lookup at = c.lookup(r.path());
        boolean nofollow = r.nofollow();
        ExportBackend fs = c.export();
        return () -> Replies.names(fs.listxattr(at, nofollow));
    }

    static Action removeXattr(Call c) throws ErrnoException {
        RemoveXattrRequest r = RemoveXattrRequest.getRootAsRemoveXattrRequest(c.body());
        Lookup at = c.lookup(r.path());
        boolean nofollow = r.nofollow();
        byte[] name = Requests.xattrName(r.nameAsByteBuffer());
        ExportBackend fs = c.export();
        return () -> Replies.attr(fs.removexattr(at, nofollow, name));
    }
}
