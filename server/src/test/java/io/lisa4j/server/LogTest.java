package io.lisa4j.server.log;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogTest {
    @Test
    void linesAreLogfmt() {
        String line = Log.format("info", "listen", "addr", "unix:/tmp/x.sock", "note", "two words", "q", "a\"b");
        assertTrue(line.matches("ts=\\S+ level=info event=listen addr=unix:/tmp/x.sock note=\"two words\" q=\"a\\\\\"b\""),
                line);
    }
}
