package io.lisa4j.server.host.sys;

/** One linux_dirent64 record as getdents64 returned it; {@code offset} is d_off, the resume cookie. */
public record RawDirent(byte[] name, long ino, long offset, int type) {}
