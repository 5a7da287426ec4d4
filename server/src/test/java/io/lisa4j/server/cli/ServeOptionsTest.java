package io.lisa4j.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The serve flags as one settings layer: a flag left out is null, so the file's value or the default applies. */
class ServeOptionsTest {
    @Test
    void threadingFlags() {
        ServeOptions none = parse();
        assertNull(none.settings().workers());
        assertNull(none.settings().inlineMetadata());
        ServeOptions given = parse("--workers", "3", "--no-inline-metadata");
        assertEquals(3, given.settings().workers());
        assertFalse(given.settings().inlineMetadata());
        assertTrue(parse("--inline-metadata").settings().inlineMetadata());
    }

    private static ServeOptions parse(String... args) {
        return CommandLine.populateCommand(new ServeOptions(), args);
    }
}
