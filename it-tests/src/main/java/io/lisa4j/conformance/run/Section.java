package io.lisa4j.conformance.run;

import java.util.ArrayList;
import java.util.List;

/** The cases of one PROTOCOL.md section, numbered in the order they are added: "6.3.01", "6.3.02"... */
public final class Section {
    private final String number;
    private final List<Case> cases = new ArrayList<>();

    public Section(String number) {
        this.number = number;
    }

    public Section add(String name, CaseBody body) {
        cases.add(new Case("%s.%02d".formatted(number, cases.size() + 1), name, body));
        return this;
    }

    public List<Case> cases() {
        return List.copyOf(cases);
    }
}
