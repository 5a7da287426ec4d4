package io.lisa4j.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.server.Limits;
import org.junit.jupiter.api.Test;

class SessionTest {
    @Test
    void inFlightIsCappedAndFreedAgain() {
        Session session = new Session(Limits.DEFAULT.withMaxInFlight(2), "test");
        assertTrue(session.tryBegin());
        assertTrue(session.tryBegin());
        assertFalse(session.tryBegin(), "the third outstanding request is refused (EAGAIN)");
        session.end();
        assertTrue(session.tryBegin());
    }

    @Test
    void fsidsAreFreshAndNonZero() throws Exception {
        MountTable mounts = new MountTable();
        int a = mounts.add("x", null).fsid();
        int b = mounts.add("x", null).fsid();
        assertNotEquals(0, a);
        assertNotEquals(a, b);
        mounts.remove(a);
        assertNull(mounts.find(a));
        ErrnoException e = assertThrows(ErrnoException.class, () -> mounts.remove(a));
        assertTrue(e.is(Errno.ENODEV));
        assertNotEquals(a, mounts.add("x", null).fsid(), "an fsid is not reused after UMOUNT");
    }

    @Test
    void handleSlotsAreReservedUpToTheCap() throws Exception {
        HandleTable table = new HandleTable(1);
        table.reserve();
        ErrnoException e = assertThrows(ErrnoException.class, table::reserve);
        assertTrue(e.is(Errno.EMFILE));
        table.unreserve();
        table.reserve();
        assertEquals(Errno.EBADF.number(), table.close(1, 1));
    }
}
