package io.lisa4j.it;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static io.lisa4j.protocol.ProtocolConstants.O_TMPFILE;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.ReadCount;
import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.client.Session;
import io.lisa4j.client.SetAttrException;
import io.lisa4j.client.WriteResult;
import io.lisa4j.client.XattrName;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.FieldFailure;
import io.lisa4j.protocol.value.FileAttr;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.host.sys.Sys;
import io.lisa4j.server.host.sys.Xattrs;
import io.lisa4j.server.spi.ExportSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SDK promises a Java user, checked against the host: closeAll releases donated
 * descriptors, xattr names keep their bytes, a creation needs a mode, a donated write reports
 * what an in-band one does, and a SETATTR that failed in part does not look like a success.
 */
class SdkSemanticsTest {
    private static final ClientOptions DONATING = ClientOptions.DEFAULTS.withFdDonation(true);

    @TempDir
    Path temp;

    private Path exportDir;
    private Path socket;
    private LisaServer server;

    @BeforeEach
    void start() throws IOException {
        exportDir = Files.createDirectories(temp.resolve("export"));
        socket = temp.resolve("s.sock");
        server = LisaServer.start(ServerConfig.of(List.of(new ListenAddress.Unix(socket)),
                List.of(ExportSpec.host("data", exportDir.toString(), false))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Session connect(ClientOptions options) throws IOException {
        return Lisa4jClient.connect(URI.create("unix:" + socket), options);
    }

    /** This process's descriptors open on {@code file}, from /proc/self/fd. */
    private static long descriptorsOn(Path file) throws IOException {
        long n = 0;
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file)) {
                        n++;
                    }
                } catch (IOException gone) {
                    // the listing's own descriptor, closed by now
                }
            }
        }
        return n;
    }

    @Test
    void closeAllReleasesDonatedDescriptors() throws IOException {
        Path blob = exportDir.resolve("blob");
        Files.writeString(blob, "donated");
        try (Session s = connect(DONATING)) {
            RemoteFs fs = s.mount("data");
            RemoteFile[] files = new RemoteFile[200];
            for (int i = 0; i < files.length; i++) {
                files[i] = fs.open("blob", O_RDONLY);
                assertTrue(files[i].donated());
            }
            // The server runs in this process: its 200 handles' descriptors and the 200 donated copies.
            assertEquals(400, descriptorsOn(blob));
            List<Integer> results = fs.closeAll(files);
            assertEquals(200, results.size());
            assertTrue(results.stream().allMatch(r -> r == 0), results.toString());
            assertEquals(0, descriptorsOn(blob), "closeAll leaves no donated descriptor behind");
            ErrnoException e = assertThrows(ErrnoException.class, () -> files[0].pread(0, 10));
            assertEquals(Errno.EBADF.number(), e.errno(), "a closed file reads nothing");
        }
    }

    @Test
    void xattrNamesThatAreNotUtf8KeepTheirBytes() throws Exception {
        Path file = exportDir.resolve("f");
        Files.writeString(file, "x");
        byte[] raw = {'u', 's', 'e', 'r', '.', (byte) 0xff};
        int fd = Sys.openat(Sys.AT_FDCWD, file.toString().getBytes(StandardCharsets.UTF_8), O_RDONLY, 0);
        Xattrs.Target host = Xattrs.Target.descriptor(fd);
        try (Session s = connect(ClientOptions.DEFAULTS)) {
            Xattrs.set(host, raw, "from the host".getBytes(StandardCharsets.UTF_8), 0);
            RemoteFs fs = s.mount("data");
            RemotePath f = RemotePath.of("f");
            XattrName name = XattrName.of(raw);
            assertTrue(fs.listxattrNames(f).contains(name), "listed as its bytes: " + fs.listxattrNames(f));
            assertFalse(name.isUtf8());
            assertEquals("user.\\xff", name.toString());
            assertArrayEquals("from the host".getBytes(StandardCharsets.UTF_8), fs.getxattr(f, name));

            fs.setxattr(f, name, new byte[] {1, 2, 3}, ProtocolConstants.XATTR_REPLACE);
            assertArrayEquals(new byte[] {1, 2, 3}, Xattrs.get(host, raw), "the host sees the write");
            try (RemoteFile h = fs.open("f", O_RDONLY)) {
                assertTrue(h.flistxattrNames().contains(name));
                assertArrayEquals(new byte[] {1, 2, 3}, h.fgetxattr(name));
            }
            fs.removexattr(f, name);
            ErrnoException gone = assertThrows(ErrnoException.class, () -> Xattrs.get(host, raw));
            assertEquals(Errno.ENODATA.number(), gone.errno(), "removed on the host");

            fs.setxattr("f", "user.plain", new byte[] {9}, 0);
            assertEquals(List.of("user.plain"), fs.listxattr("f"), "the String forms stay UTF-8 conveniences");
            assertEquals(List.of(XattrName.of("user.plain")), fs.listxattrNames(f));
        } finally {
            Sys.close(fd);
        }
    }

    @Test
    void aCreationWithoutAModeIsRefusedNotMadeMode0000() throws IOException {
        try (Session s = connect(ClientOptions.DEFAULTS)) {
            RemoteFs fs = s.mount("data");
            assertThrows(IllegalArgumentException.class, () -> fs.open("new", O_WRONLY | O_CREAT));
            assertThrows(IllegalArgumentException.class, () -> fs.open("", O_RDWR | O_TMPFILE));
            assertFalse(Files.exists(exportDir.resolve("new")), "nothing created");
            try (RemoteFile f = fs.open("new", O_WRONLY | O_CREAT, 0640)) {
                assertEquals(0640, f.attr().permissions());
            }
        }
    }

    @Test
    void donatedWritesAndReadsReportWhatInBandOnesDo() throws IOException {
        try (Session donating = connect(DONATING); Session plain = connect(ClientOptions.DEFAULTS)) {
            List<FileAttr> after = new ArrayList<>();
            List<Boolean> eofAtTheEnd = new ArrayList<>();
            for (Session s : List.of(donating, plain)) {
                try (RemoteFile f = s.mount("data").open("w-" + after.size(), O_RDWR | O_CREAT, 0644)) {
                    assertEquals(s == donating, f.donated());
                    WriteResult w = f.pwrite(0, ByteBuffer.wrap("0123456789".getBytes(StandardCharsets.UTF_8)));
                    assertEquals(10, w.written());
                    assertNotNull(w.attr(), "attributes after the write");
                    assertEquals(f.fstat().ino(), w.attr().ino());
                    after.add(w.attr());
                    // A read that ends exactly at the end of the file: eof, as PREAD says.
                    ReadCount toTheEnd = f.pread(4, ByteBuffer.allocate(6));
                    assertEquals(6, toTheEnd.count());
                    eofAtTheEnd.add(toTheEnd.eof());
                    assertFalse(f.pread(0, ByteBuffer.allocate(5)).eof(), "a read that stops short of the end");
                    assertTrue(f.pread(0, 10).eof());
                }
            }
            assertEquals(after.get(1).size(), after.get(0).size());
            assertEquals(after.get(1).mode(), after.get(0).mode());
            assertEquals(List.of(true, true), eofAtTheEnd);
        }
    }

    @Test
    void aSetattrThatFailedInPartThrowsWithTheRawResultAttached() throws IOException {
        Files.createDirectories(exportDir.resolve("d"));
        try (Session s = connect(ClientOptions.DEFAULTS)) {
            RemoteFs fs = s.mount("data");
            SetAttrException e = assertThrows(SetAttrException.class,
                    () -> fs.setattr("d", AttrChange.none().withSize(0).withMode(0700)));
            assertEquals(Errno.EISDIR.number(), e.errno(), "the first failed field's errno, as truncate(2) gives");
            assertEquals(List.of(new FieldFailure(ProtocolConstants.SETATTR_SIZE, Errno.EISDIR.number())),
                    e.result().failures());
            assertEquals(0700, e.result().attr().permissions(), "the other fields were applied");
            assertEquals(0700, fs.stat("d").permissions());
            assertTrue(fs.setattr("d", AttrChange.none().withMode(0750)).fullyApplied());
        }
    }
}
