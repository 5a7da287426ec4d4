package io.lisa4j.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code lisa4j 0.1.0 (commit 4e2c193a1b2c)}, from what the build wrote beside the classes. */
final class VersionInfo implements IVersionProvider {
    static final String RESOURCE = "/io/lisa4j/server/version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }

    static String line() {
        Properties p = new Properties();
        try (InputStream in = VersionInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Reported as unknown below.
        }
        return "lisa4j " + p.getProperty("version", "(version unknown)") + " (commit "
                + p.getProperty("commit", "unknown") + ")";
    }
}
