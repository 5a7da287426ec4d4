package io.lisa4j.server.transport;

/** Octal permission bits as the {@code rwxr-x---} text java.nio wants. */
final class Modes {
    private Modes() {}

    static String toRwx(int mode) {
        StringBuilder sb = new StringBuilder(9);
        String letters = "rwxrwxrwx";
        for (int bit = 8; bit >= 0; bit--) {
            sb.append((mode & (1 << bit)) != 0 ? letters.charAt(8 - bit) : '-');
        }
        return sb.toString();
    }
}
