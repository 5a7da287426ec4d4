package io.lisa4j.it.security;

import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lisa4j.client.ClientOptions;
import io.lisa4j.client.Lisa4jClient;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.Session;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.server.ListenAddress;
import io.lisa4j.server.LisaServer;
import io.lisa4j.server.ServerConfig;
import io.lisa4j.server.security.ExportPolicy;
import io.lisa4j.server.security.SecurityConfig;
import io.lisa4j.server.security.ThreadCredentials;
import io.lisa4j.server.spi.ExportSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's caller credentials reach a delegating export: files belong to the caller, the kernel judges it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DelegationSdkTest {
    @TempDir
    Path dir;

    @Test
    void theSdkActsAsItsCaller() throws Exception {
        assumeTrue(ThreadCredentials.fsuid() == 0, "credential delegation needs root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path export = Files.createDirectories(dir.resolve("d"));
        Files.setPosixFilePermissions(export, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectories(export.resolve("locked"));
        Files.setPosixFilePermissions(export.resolve("locked"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = dir.resolve("d.sock");
        ServerConfig config = ServerConfig.of(List.of(new ListenAddress.Unix(socket)),
                        List.of(ExportSpec.host("d", export.toString(), false)))
                .withSecurity(SecurityConfig.defaults().withPolicy("d", ExportPolicy.DEFAULT.withDelegation()));
        ClientOptions asCaller = ClientOptions.DEFAULTS.withCredentials(new Credentials(2345, 2345, new int[0]));
        try (LisaServer server = LisaServer.start(config);
                Session s = Lisa4jClient.connect(URI.create("unix:" + socket), asCaller)) {
            RemoteFs fs = s.mount("d");
            fs.mkdir("mine", 0755);
            fs.open("mine/file", O_WRONLY | O_CREAT, 0644).close();
            assertEquals(2345, Files.getAttribute(export.resolve("mine/file"), "unix:uid"));
            ErrnoException e = assertThrows(ErrnoException.class, () -> fs.mkdir("locked/no", 0755));
            assertEquals(Errno.EACCES.number(), e.errno());
            assertFalse(Files.exists(export.resolve("locked/no")));
        }
    }
}
