package io.lisa4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lisa4j.conformance.run.Result;
import io.lisa4j.conformance.run.Status;
import io.lisa4j.conformance.run.Target;
import io.lisa4j.protocol.value.Credentials;
import io.lisa4j.server.security.ThreadCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential mode as an ordinary uid: the suite's requests carry uid 65534 to an export that
 * delegates credentials, and the kernel's side takes the same filesystem uid and gid, so search
 * and read permissions are judged by the kernel on both sides. The root run is part of
 * {@link InProcessConformanceTest}.
 */
class NonRootDifferentialTest {
    static final Credentials NOBODY = new Credentials(65534, 65534, new int[0]);

    @TempDir
    Path temp;

    @Test
    void theServerAgreesWithTheKernelAsAnOrdinaryUid() throws Exception {
        assumeTrue(ThreadCredentials.fsuid() == 0, "taking another uid needs root");
        try (ConformanceServer server = ConformanceServer.start(temp, "host", true)) {
            Target target = new Target(server.unix(), ConformanceServer.SCRATCH, server.scratchDir, null, null,
                    Long.getLong("lisa4j.differential.seed", 43), SuiteRuns.STEPS, Pattern.compile("differential"),
                    NOBODY);
            List<Result> results = SuiteRuns.run(target);
            assertEquals(1, results.size(), "the differential case alone");
            assertEquals(Status.PASS, results.getFirst().status(), results.getFirst().line());
        }
    }
}
