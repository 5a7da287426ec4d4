package io.lisa4j.conformance.run;

public enum Status { PASS, FAIL, SKIP }
