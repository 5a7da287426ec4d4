package io.lisa4j.bench;

/** One measured row. */
record Row(Case spec, int threads, Sample sample) {}
