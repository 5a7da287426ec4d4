package io.lisa4j.conformance.diff;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.value.FileAttr;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Where a differential run applies its ops: the kernel directly, or a server. Each op's outcome is
 * a line of tokens, "ok ..." with the deterministic part of what the protocol reply carries, or
 * an errno name; a token "=?" on the server's side stands for an Attr the reply may omit (§8.2.0).
 */
public interface Side extends AutoCloseable {
    String apply(Op op);

    /** Releases the open handle slots and whatever else the side holds. */
    @Override
    void close();

    /** A step whose body may fail with an errno. */
    @FunctionalInterface
    interface Step {
        String run() throws Exception;
    }

    static String outcome(Step step) {
        try {
            return step.run();
        } catch (ErrnoException e) {
            return errnoName(e.errno());
        } catch (Exception e) {
            return "unexpected " + e;
        }
    }

    static String errnoName(int errno) {
        Errno known = Errno.of(errno);
        return known == null ? "errno" + errno : known.name();
    }

    static String text(byte[] bytes) {
        return "\"" + new String(bytes, StandardCharsets.UTF_8) + "\"";
    }

    /**
     * A directory entry as GETDENTS with attributes reports it: name, type and the deterministic
     * attributes, "-" for an entry that could not be stat'ed; "." and ".." by name only, since the
     * run's own ".." differs between the two sides.
     */
    static String dirent(byte[] name, int type, FileAttr attr) {
        String n = new String(name, StandardCharsets.UTF_8);
        if (n.equals(".") || n.equals("..")) {
            return n;
        }
        return n + ":" + type + ":" + (attr == null ? "-" : AttrView.of(attr));
    }

    /** Entries in a canonical order: the two sides' directories may order them differently. */
    static String entries(Collection<String> entries) {
        return entries.stream().sorted().collect(Collectors.joining(";", "[", "]"));
    }

    /**
     * A GETDENTS outcome: the entries of the first read of a slot since it was opened, then only
     * "ok". Once a directory has been read, later reads may or may not show entries added or
     * removed since (§8.3.7; ext4 serves them from what its first read cached), so only errors
     * are compared.
     */
    static String firstBatch(boolean[] listed, int slot, Collection<String> entries) {
        if (listed[slot]) {
            return "ok";
        }
        listed[slot] = true;
        return "ok " + entries(entries);
    }

    static String names(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(",", "[", "]"));
    }
}
