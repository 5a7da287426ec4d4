package io.lisa4j.server.dispatch;

import io.lisa4j.protocol.message.ReplyBodies;
import io.lisa4j.protocol.value.FieldFailure;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.server.spi.Entry;
import io.lisa4j.server.spi.Opened;
import io.lisa4j.server.spi.RenameResult;
import io.lisa4j.server.spi.SetAttrResult;
import java.util.List;

/**
 * Replies built from the SPI's results. The encoding itself is {@link ReplyBodies}', shared with
 * the client's tests, so both sides agree on every table by construction.
 */
final class Replies {
    private Replies() {}

    /**
     * StatReply, FstatReply, AttrReply and XattrChangeReply are all {@code { attr: Attr; }}, so
     * one encoding serves each of them.
     */
    static Reply attr(FileAttr attr) {
        return Reply.ok(ReplyBodies.attr(attr));
    }

    /** ReadlinkReply and XattrValueReply are both {@code { bytes: [ubyte]; }}. */
    static Reply bytes(byte[] value) {
        return Reply.ok(ReplyBodies.readlink(value));
    }

    static Reply names(List<byte[]> names) {
        return Reply.ok(ReplyBodies.xattrNames(names));
    }

    static Reply entry(Entry entry) {
        return Reply.ok(ReplyBodies.entry(entry.attr(), entry.parent()));
    }

    static Reply opened(long handle, Opened opened, boolean donated) {
        return Reply.ok(ReplyBodies.open(handle, opened.attr(), opened.created(),
                opened.created() ? opened.parent() : null, donated));
    }

    static Reply unlinked(FileAttr parent) {
        return Reply.ok(ReplyBodies.unlink(parent));
    }

    static Reply renamed(RenameResult r) {
        return Reply.ok(ReplyBodies.rename(r.oldParent(), r.newParent(), r.attr(), r.exchanged()));
    }

    static Reply setAttr(SetAttrResult result) {
        List<FieldFailure> failures = result.failures().stream()
                .map(f -> new FieldFailure(f.field(), f.errno()))
                .toList();
        return Reply.ok(ReplyBodies.setAttr(result.attr(), failures));
    }

    static Reply statFs(FsStat stat) {
        return Reply.ok(ReplyBodies.statFs(stat));
    }
}
