package io.lisa4j.protocol.verify;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lisa4j.protocol.fb.Opcode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verifier's promise under fuzzing: whatever body it accepts, reading every field through the
 * generated accessors throws nothing. Inputs start from a well-formed body of a fuzzer-chosen
 * opcode with fuzzer-chosen bytes overwritten, or are raw bytes.
 */
class BodyVerifierFuzzTest {
    private static final List<Map.Entry<Integer, ByteBuffer>> SAMPLES = new ArrayList<>(SampleRequests.all().entrySet());
    private static final RequestTypes TYPES = RequestTypes.lisa4j();

    @FuzzTest(maxDuration = "5s")
    void verifiedBodiesAreSafeToRead(FuzzedDataProvider data) {
        Map.Entry<Integer, ByteBuffer> sample = data.pickValue(SAMPLES);
        ByteBuffer body;
        if (data.consumeBoolean()) {
            byte[] bytes = new byte[sample.getValue().remaining()];
            sample.getValue().duplicate().get(bytes);
            int edits = data.consumeInt(0, 8);
            for (int i = 0; i < edits && bytes.length > 0; i++) {
                bytes[data.consumeInt(0, bytes.length - 1)] = data.consumeByte();
            }
            body = ByteBuffer.wrap(bytes);
        } else {
            body = ByteBuffer.wrap(data.consumeRemainingAsBytes());
        }
        body.order(ByteOrder.LITTLE_ENDIAN);
        int opcode = data.remainingBytes() > 0 && data.consumeBoolean() ? Opcode.Stat : sample.getKey();
        TableType type = TYPES.of(opcode);
        if (BodyVerifier.valid(body, type)) {
            AccessorWalk.walk(body, type);
        }
    }
}
