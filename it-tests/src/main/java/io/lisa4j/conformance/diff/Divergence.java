package io.lisa4j.conformance.diff;

/** Where kernel and server first disagreed: at {@code step}, on an op's outcome or on the trees. */
public record Divergence(int step, String detail) {
    @Override
    public String toString() {
        return "step " + step + ": " + detail;
    }
}
