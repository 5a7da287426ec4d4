package io.lisa4j.conformance.run;

/** One conformance case: an id numbered by PROTOCOL.md section ("8.2.2.03"), a name, and its body. */
public record Case(String id, String name, CaseBody body) {}
