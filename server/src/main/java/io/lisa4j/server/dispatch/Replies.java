package io.lisa4j.server.dispatch;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.protocol.codec.WireValues;
import io.lisa4j.protocol.fb.AttrReply;
import io.lisa4j.protocol.fb.EntryReply;
import io.lisa4j.protocol.fb.FieldError;
import io.lisa4j.protocol.fb.OpenReply;
import io.lisa4j.protocol.fb.ReadlinkReply;
import io.lisa4j.protocol.fb.RenameReply;
import io.lisa4j.protocol.fb.SetAttrReply;
import io.lisa4j.protocol.fb.StatFsReply;
import io.lisa4j.protocol.fb.UnlinkReply;
import io.lisa4j.protocol.fb.XattrNamesReply;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.protocol.value.FsStat;
import io.lisa4j.server.spi.Entry;
import io.lisa4j.server.spi.Opened;
import io.lisa4j.server.spi.RenameResult;
import io.lisa4j.server.spi.SetAttrResult;
import java.util.List;

/** Encoders for the reply tables that more than one opcode shares. */
final class Replies {
    private Replies() {}

    /**
     * StatReply, FstatReply, AttrReply and XattrChangeReply are all {@code { attr: Attr; }}, so
     * they have one encoding; AttrReply's builder writes it for each of them.
     */
    static Reply attr(FileAttr attr) {
        FlatBufferBuilder b = new FlatBufferBuilder(192);
        AttrReply.startAttrReply(b);
        AttrReply.addAttr(b, WireValues.attr(b, attr));
        return Reply.ok(b, AttrReply.endAttrReply(b));
    }

    /** ReadlinkReply and XattrValueReply are both {@code { bytes: [ubyte]; }}. */
    static Reply bytes(byte[] value) {
        FlatBufferBuilder b = new FlatBufferBuilder(32 + value.length);
        int vector = b.createByteVector(value);
        return Reply.ok(b, ReadlinkReply.createReadlinkReply(b, vector));
    }

    static Reply names(List<byte[]> names) {
        int size = 32;
        for (byte[] n : names) {
            size += n.length + 16;
        }
        FlatBufferBuilder b = new FlatBufferBuilder(size);
        int vector = WireValues.components(b, names);
        return Reply.ok(b, XattrNamesReply.createXattrNamesReply(b, vector));
    }

    static Reply entry(Entry entry) {
        FlatBufferBuilder b = new FlatBufferBuilder(320);
        EntryReply.startEntryReply(b);
        EntryReply.addAttr(b, WireValues.attr(b, entry.attr()));
        addIfPresent(b, entry.parent(), EntryReply::addParent);
        return Reply.ok(b, EntryReply.endEntryReply(b));
    }

    static Reply opened(long handle, Opened opened, boolean donated) {
        FlatBufferBuilder b = new FlatBufferBuilder(320);
        OpenReply.startOpenReply(b);
        OpenReply.addHandle(b, handle);
        OpenReply.addAttr(b, WireValues.attr(b, opened.attr()));
        OpenReply.addCreated(b, opened.created());
        if (opened.created()) {
            addIfPresent(b, opened.parent(), OpenReply::addParent);
        }
        OpenReply.addDonated(b, donated);
        return Reply.ok(b, OpenReply.endOpenReply(b));
    }

    static Reply unlinked(FileAttr parent) {
        FlatBufferBuilder b = new FlatBufferBuilder(192);
        UnlinkReply.startUnlinkReply(b);
        addIfPresent(b, parent, UnlinkReply::addParent);
        return Reply.ok(b, UnlinkReply.endUnlinkReply(b));
    }

    static Reply renamed(RenameResult r) {
        FlatBufferBuilder b = new FlatBufferBuilder(640);
        RenameReply.startRenameReply(b);
        addIfPresent(b, r.oldParent(), RenameReply::addOldParent);
        addIfPresent(b, r.newParent(), RenameReply::addNewParent);
        addIfPresent(b, r.attr(), RenameReply::addAttr);
        addIfPresent(b, r.exchanged(), RenameReply::addExchanged);
        return Reply.ok(b, RenameReply.endRenameReply(b));
    }

    static Reply setAttr(SetAttrResult result) {
        FlatBufferBuilder b = new FlatBufferBuilder(256);
        int[] failures = new int[result.failures().size()];
        for (int i = 0; i < failures.length; i++) {
            SetAttrResult.FieldFailure f = result.failures().get(i);
            failures[i] = FieldError.createFieldError(b, f.field(), f.errno());
        }
        int vector = SetAttrReply.createFailuresVector(b, failures);
        SetAttrReply.startSetAttrReply(b);
        SetAttrReply.addFailures(b, vector);
        addIfPresent(b, result.attr(), SetAttrReply::addAttr);
        return Reply.ok(b, SetAttrReply.endSetAttrReply(b));
    }

    static Reply statFs(FsStat stat) {
        FlatBufferBuilder b = new FlatBufferBuilder(128);
        StatFsReply.startStatFsReply(b);
        StatFsReply.addInfo(b, WireValues.statFs(b, stat));
        return Reply.ok(b, StatFsReply.endStatFsReply(b));
    }

    /** Structs are written inline between a table's start and its add call, so both happen here. */
    static void addIfPresent(FlatBufferBuilder b, FileAttr attr, StructField field) {
        if (attr != null) {
            field.add(b, WireValues.attr(b, attr));
        }
    }

    @FunctionalInterface
    interface StructField {
        void add(FlatBufferBuilder b, int offset);
    }
}
