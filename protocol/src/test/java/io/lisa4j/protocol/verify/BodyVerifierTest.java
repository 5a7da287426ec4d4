package io.lisa4j.protocol.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.flatbuffers.FlatBufferBuilder;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.fb.Opcode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BodyVerifierTest {
    private static final RequestTypes TYPES = RequestTypes.lisa4j();

    @Test
    void everyOpcodeHasARequestTable() {
        for (int op = 1; op < Opcode.names.length; op++) {
            if (!Opcode.names[op].isEmpty()) {
                assertNotNull(TYPES.of(op), Opcode.names[op]);
            }
        }
        assertEquals(null, TYPES.of(0));
        assertEquals(null, TYPES.of(65535));
    }

    @Test
    void structLayoutMatchesTheGeneratedCode() {
        // MountReply { fsid: uint; root: Attr; read_only: bool }: Attr is 128 bytes aligned to 8.
        assertEquals(new FieldType.Inline(128, 8), Schema.lisa4j().table("MountReply").fields().get(1));
        assertEquals(new FieldType.Inline(16, 8), Schema.lisa4j().table("SetAttrRequest").fields().get(7));
    }

    @Test
    void wellFormedBodiesPassAndReadCleanly() throws ErrnoException {
        for (Map.Entry<Integer, ByteBuffer> e : SampleRequests.all().entrySet()) {
            TableType type = TYPES.of(e.getKey());
            BodyVerifier.verify(e.getValue(), type);
            AccessorWalk.walk(e.getValue(), type);
        }
        BodyVerifier.verify(ByteBuffer.allocate(0), TYPES.of(Opcode.Stat));
    }

    @Test
    void aBodyAtAnOffsetInsideALargerBufferIsCheckedRelativeToItsStart() throws ErrnoException {
        ByteBuffer body = SampleRequests.all().get(Opcode.Rename);
        ByteBuffer framed = ByteBuffer.allocate(body.remaining() + 20);
        framed.position(20);
        framed.put(body.duplicate());
        framed.position(20);
        BodyVerifier.verify(framed, TYPES.of(Opcode.Rename));
    }

    @Test
    void rootOffsetOutsideOrUnaligned() {
        assertInvalid(le(4, 1_000), Opcode.Stat);
        assertInvalid(le(4, 2), Opcode.Stat);
        assertInvalid(new byte[] {1, 2}, Opcode.Stat);
        assertInvalid(le(4, -4), Opcode.Stat);
    }

    @Test
    void vtableOutsideTheBodyOrMalformed() {
        // root -> table at 8, soffset pointing 1 000 bytes back (before the body) or forward past it.
        assertInvalid(le(4, 8, 0, 1_000), Opcode.Stat);
        assertInvalid(le(4, 8, 0, -1_000), Opcode.Stat);
        // vtable at 4 with size 3 (odd), or table size running past the end.
        assertInvalid(le(4, 8, 0x0004_0003, 4), Opcode.Stat);
        assertInvalid(le(4, 8, 0x0100_0004, 4), Opcode.Stat);
    }

    @Test
    void fieldBeyondItsTable() {
        // vtable at 4: size 6, table size 4, field 0 at offset 8 (beyond the 4-byte table).
        byte[] body = le(12, 0x0004_0006, 8, 8);
        assertInvalid(body, Opcode.Pread);
    }

    @Test
    void hugeVectorLengthAndMissingTerminator() {
        ByteBuffer huge = copy(SampleRequests.all().get(Opcode.Mount));
        int lenAt = findVectorLength(huge, "export".length());
        huge.putInt(lenAt, 0x7fff_ffff);
        assertInvalid(huge, Opcode.Mount);

        ByteBuffer unterminated = copy(SampleRequests.all().get(Opcode.Hello));
        int nameAt = findVectorLength(unterminated, "client".length());
        unterminated.put(nameAt + 4 + "client".length(), (byte) 'x');
        assertInvalid(unterminated, Opcode.Hello);
    }

    @Test
    void zeroOffsetToASubTable() {
        ByteBuffer bad = copy(SampleRequests.all().get(Opcode.Stat));
        int table = bad.getInt(0);
        int vtable = table - bad.getInt(table);
        int pathField = table + Short.toUnsignedInt(bad.getShort(vtable + 4));
        bad.putInt(pathField, 0);
        assertInvalid(bad, Opcode.Stat);
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        TableType node = Schema.parse("table Node { next: Node; }").table("Node");
        assertTrue(BodyVerifier.valid(chain(BodyVerifier.MAX_DEPTH), node));
        assertFalse(BodyVerifier.valid(chain(BodyVerifier.MAX_DEPTH + 1), node));
    }

    @Test
    void verifiedMutantsAlwaysReadCleanly() {
        // Without the verifier some of these mutants would throw from the generated accessors.
        Random random = new Random(5);
        int accepted = 0;
        int refused = 0;
        for (Map.Entry<Integer, ByteBuffer> e : SampleRequests.all().entrySet()) {
            TableType type = TYPES.of(e.getKey());
            for (int i = 0; i < 2_000; i++) {
                ByteBuffer mutant = copy(e.getValue());
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    mutant.put(random.nextInt(mutant.limit()), (byte) random.nextInt(256));
                }
                if (BodyVerifier.valid(mutant, type)) {
                    accepted++;
                    AccessorWalk.walk(mutant, type);
                } else {
                    refused++;
                }
            }
        }
        assertTrue(accepted > 1_000 && refused > 1_000, accepted + " accepted, " + refused + " refused");
    }

    @Test
    void verifyThrowsEbadmsg() {
        ErrnoException e = assertThrows(ErrnoException.class,
                () -> BodyVerifier.verify(ByteBuffer.wrap(le(4, 1_000)), TYPES.of(Opcode.Stat)));
        assertTrue(e.is(Errno.EBADMSG));
    }

    private static ByteBuffer chain(int depth) {
        FlatBufferBuilder b = new FlatBufferBuilder(64);
        int next = 0;
        for (int i = 0; i < depth; i++) {
            b.startTable(1);
            if (next != 0) {
                b.addOffset(0, next, 0);
            }
            next = b.endTable();
        }
        b.finish(next);
        return b.dataBuffer();
    }

    private static int findVectorLength(ByteBuffer body, int length) {
        for (int i = 0; i + 4 <= body.limit(); i += 4) {
            if (body.getInt(i) == length) {
                return i;
            }
        }
        throw new AssertionError("no vector of length " + length);
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining()).order(ByteOrder.LITTLE_ENDIAN);
        c.put(b.duplicate());
        return c.flip();
    }

    private static byte[] le(int... words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putInt(w);
        }
        return b.array();
    }

    private static void assertInvalid(byte[] body, int opcode) {
        assertInvalid(ByteBuffer.wrap(body), opcode);
    }

    private static void assertInvalid(ByteBuffer body, int opcode) {
        assertFalse(BodyVerifier.valid(body, TYPES.of(opcode)));
    }
}
