package io.lisa4j.conformance.diff;

import io.lisa4j.client.DirBatch;
import io.lisa4j.client.ReadResult;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.client.SetAttrException;
import io.lisa4j.client.SetAttrResult;
import io.lisa4j.client.WriteResult;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.DirEntry;
import io.lisa4j.protocol.value.FieldFailure;
import io.lisa4j.protocol.value.Timestamp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The target: each op as the one SDK call (one RPC) that mirrors it, on a directory of the scratch
 * export, paths walked in InRoot mode. The outcome is what the reply says.
 */
public final class RemoteSide implements Side {
    private final RemoteFs fs;
    private final String base;
    private final RemoteFile[] slots = new RemoteFile[OpGenerator.SLOTS];
    /** Per slot, the cookie where the slot's last GETDENTS stopped (0 after OPEN). */
    private final long[] cookies = new long[OpGenerator.SLOTS];
    private final boolean[] listed = new boolean[OpGenerator.SLOTS];

    /** {@code base}: the run's directory, relative to the export root. */
    public RemoteSide(RemoteFs fs, String base) {
        this.fs = fs;
        this.base = base;
    }

    @Override
    public String apply(Op op) {
        return Side.outcome(() -> run(op));
    }

    private String run(Op op) throws IOException {
        String p = op.path() == null ? null : at(op.path());
        return switch (op.kind()) {
            case OPEN -> {
                RemoteFile f = fs.open(p, op.flags(), (int) op.n());
                closeSlot(op.slot());
                slots[op.slot()] = f;
                cookies[op.slot()] = 0;
                listed[op.slot()] = false;
                yield "ok " + AttrView.of(f.attr()) + " created=" + f.created();
            }
            case CLOSE -> {
                RemoteFile f = file(op);
                slots[op.slot()] = null;
                f.close();
                yield "ok";
            }
            case PWRITE -> {
                WriteResult w = file(op).pwrite(op.n(), op.data());
                yield "ok " + w.written() + " " + AttrView.of(w.attr());
            }
            case PREAD -> {
                ReadResult r = file(op).pread(op.n(), (int) op.m());
                yield "ok " + Side.text(r.data()) + " eof=" + r.eof();
            }
            case FTRUNCATE -> "ok " + AttrView.of(file(op).ftruncate(op.n()));
            case MKDIR -> "ok " + AttrView.of(fs.mkdir(p, (int) op.n()).attr());
            case RMDIR -> "ok " + AttrView.of(fs.rmdir(p));
            case UNLINK -> "ok " + AttrView.of(fs.unlink(p));
            case RENAME -> "ok " + AttrView.of(fs.rename(RemotePath.of(p),
                    RemotePath.of(at(op.path2())), op.flags()).attr());
            case SYMLINK -> "ok " + AttrView.of(fs.symlink(op.path2(), p).attr());
            case LINK -> "ok " + AttrView.of(fs.link(p, at(op.path2())).attr());
            case SET_MODE -> setattr(p, AttrChange.none().withMode((int) op.n()));
            case SET_SIZE -> setattr(p, AttrChange.none().withSize(op.n()));
            case SET_TIMES -> {
                Timestamp t = new Timestamp(op.n(), (int) op.m());
                yield setattr(p, AttrChange.none().withAtime(t).withMtime(t));
            }
            case SET_MTIME_NOW -> setattr(p, AttrChange.none().withMtimeNow());
            case STAT -> "ok " + AttrView.of(fs.stat(p));
            case LSTAT -> "ok " + AttrView.of(fs.lstat(p));
            case LIST -> list(p);
            case SETXATTR -> "ok " + AttrView.of(fs.setxattr(p, op.path2(), op.data(), op.flags()));
            case GETXATTR -> "ok " + Side.text(fs.getxattr(p, op.path2()));
            case LISTXATTR -> "ok " + Side.names(fs.listxattr(p));
            case REMOVEXATTR -> "ok " + AttrView.of(fs.removexattr(p, op.path2()));
            case READLINK -> "ok " + Side.text(fs.readlink(p));
            case ACCESS -> {
                fs.access(p, op.flags());
                yield "ok";
            }
            case GETDENTS -> {
                DirBatch batch = file(op).getdents(cookies[op.slot()], Op.DIRENTS, true);
                cookies[op.slot()] = batch.nextCookie(cookies[op.slot()]);
                yield Side.firstBatch(listed, op.slot(),
                        batch.entries().stream().map(e -> Side.dirent(e.name(), e.type(), e.attr())).toList());
            }
        };
    }

    private String setattr(String p, AttrChange change) throws IOException {
        SetAttrResult r;
        try {
            r = fs.setattr(p, change);
        } catch (SetAttrException partial) {
            r = partial.result(); // compared field by field with the kernel's outcome
        }
        StringBuilder b = new StringBuilder("ok ").append(AttrView.of(r.attr()));
        for (FieldFailure f : r.failures()) {
            b.append(" failed=").append(Side.errnoName(f.errno()));
        }
        return b.toString();
    }

    private String list(String p) throws IOException {
        try (RemoteFile d = fs.open(p, ProtocolConstants.O_RDONLY | ProtocolConstants.O_DIRECTORY)) {
            List<DirEntry> all = new ArrayList<>();
            long cookie = 0;
            for (DirBatch batch = d.getdents(cookie, 0, true); ; batch = d.getdents(cookie, 0, true)) {
                all.addAll(batch.entries());
                if (batch.eof() || batch.entries().isEmpty()) {
                    break;
                }
                cookie = batch.nextCookie(cookie);
            }
            return "ok " + entries(all);
        }
    }

    private static String entries(List<DirEntry> entries) {
        return Side.entries(entries.stream().map(e -> Side.dirent(e.name(), e.type(), e.attr())).toList());
    }

    private String at(String rel) {
        return rel.isEmpty() ? base : base + "/" + rel;
    }

    private RemoteFile file(Op op) throws ErrnoException {
        RemoteFile f = slots[op.slot()];
        if (f == null) {
            throw new ErrnoException(Errno.EBADF.number(), "slot " + op.slot() + " is not open");
        }
        return f;
    }

    private void closeSlot(int slot) {
        if (slots[slot] != null) {
            try {
                slots[slot].close();
            } catch (IOException ignored) {
                // released either way
            }
            slots[slot] = null;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < slots.length; i++) {
            closeSlot(i);
        }
    }
}
