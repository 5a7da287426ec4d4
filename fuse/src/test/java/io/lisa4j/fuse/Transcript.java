package io.lisa4j.fuse;

import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.List;

/** What one scenario observed, step by step: values, or the error a step ended with. */
final class Transcript {
    @FunctionalInterface
    interface Step {
        Object run() throws Exception;
    }

    final List<String> lines = new ArrayList<>();

    void step(String name, Step step) {
        String outcome;
        try {
            outcome = String.valueOf(step.run());
        } catch (FileSystemException e) {
            outcome = "error " + e.getClass().getSimpleName() + " (" + e.getReason() + ")";
        } catch (Exception e) {
            outcome = "error " + e.getClass().getSimpleName();
        }
        lines.add(name + " -> " + outcome);
    }

    @Override
    public String toString() {
        return String.join("\n", lines);
    }
}
