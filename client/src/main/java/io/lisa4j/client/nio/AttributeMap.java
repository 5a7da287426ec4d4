package io.lisa4j.client.nio;

import io.lisa4j.protocol.value.AttrChange;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Attributes by name ("posix:permissions", "lisa4j:*"): the views basic, owner, posix and unix
 * with the JDK's attribute names, and lisa4j, which adds every statx field. Reading is one STAT
 * whatever the names; setting one attribute is one SETATTR.
 */
final class AttributeMap {
    private static final List<String> BASIC = List.of("lastModifiedTime", "lastAccessTime", "creationTime", "size",
            "isRegularFile", "isDirectory", "isSymbolicLink", "isOther", "fileKey");
    private static final List<String> POSIX = List.of("owner", "permissions", "group");
    private static final List<String> UNIX = List.of("mode", "ino", "dev", "rdev", "nlink", "uid", "gid", "ctime");
    private static final List<String> LISA4J = List.of("attr", "blocks", "blksize", "devMajor", "devMinor",
            "rdevMajor", "rdevMinor", "btime");

    private static final Map<String, Function<RemoteAttributes, Object>> GETTERS = getters();

    private AttributeMap() {}

    private static Map<String, Function<RemoteAttributes, Object>> getters() {
        Map<String, Function<RemoteAttributes, Object>> g = new LinkedHashMap<>();
        g.put("lastModifiedTime", RemoteAttributes::lastModifiedTime);
        g.put("lastAccessTime", RemoteAttributes::lastAccessTime);
        g.put("creationTime", RemoteAttributes::creationTime);
        g.put("size", RemoteAttributes::size);
        g.put("isRegularFile", RemoteAttributes::isRegularFile);
        g.put("isDirectory", RemoteAttributes::isDirectory);
        g.put("isSymbolicLink", RemoteAttributes::isSymbolicLink);
        g.put("isOther", RemoteAttributes::isOther);
        g.put("fileKey", RemoteAttributes::fileKey);
        g.put("owner", RemoteAttributes::owner);
        g.put("permissions", RemoteAttributes::permissions);
        g.put("group", RemoteAttributes::group);
        g.put("mode", a -> a.attr().mode());
        g.put("ino", a -> a.attr().ino());
        g.put("dev", a -> makedev(a.attr().devMajor(), a.attr().devMinor()));
        g.put("rdev", a -> makedev(a.attr().rdevMajor(), a.attr().rdevMinor()));
        g.put("nlink", a -> (int) a.attr().nlink());
        g.put("uid", a -> a.attr().uid());
        g.put("gid", a -> a.attr().gid());
        g.put("ctime", a -> RemoteAttributes.time(a.attr().ctime()));
        g.put("attr", RemoteAttributes::attr);
        g.put("blocks", a -> a.attr().blocks());
        g.put("blksize", a -> a.attr().blksize());
        g.put("devMajor", a -> a.attr().devMajor());
        g.put("devMinor", a -> a.attr().devMinor());
        g.put("rdevMajor", a -> a.attr().rdevMajor());
        g.put("rdevMinor", a -> a.attr().rdevMinor());
        g.put("btime", a -> a.attr().hasBirthTime() ? RemoteAttributes.time(a.attr().btime()) : null);
        return Map.copyOf(g);
    }

    /** glibc's makedev: the dev_t the JDK reports in "unix:dev". */
    private static long makedev(int major, int minor) {
        long ma = Integer.toUnsignedLong(major);
        long mi = Integer.toUnsignedLong(minor);
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }

    static List<String> names(String view) {
        return switch (view) {
            case "basic" -> BASIC;
            case "owner" -> List.of("owner");
            case "posix" -> concat(BASIC, POSIX);
            case "unix" -> concat(BASIC, POSIX, UNIX);
            case "lisa4j" -> concat(BASIC, POSIX, UNIX, LISA4J);
            default -> throw new UnsupportedOperationException("View '" + view + "' not available");
        };
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    private static String[] split(String attribute) {
        int colon = attribute.indexOf(':');
        return colon < 0 ? new String[] {"basic", attribute}
                : new String[] {attribute.substring(0, colon), attribute.substring(colon + 1)};
    }

    static Map<String, Object> read(Lisa4jPath path, String attributes, boolean followLinks) throws IOException {
        String[] parts = split(attributes);
        List<String> known = names(parts[0]);
        List<String> wanted = new java.util.ArrayList<>();
        for (String name : parts[1].split(",")) {
            if (name.equals("*")) {
                wanted.addAll(known);
            } else if (known.contains(name)) {
                wanted.add(name);
            } else {
                throw new IllegalArgumentException("'" + name + "' not recognized");
            }
        }
        RemoteAttributes attrs = new RemoteAttributes(Stat.of(path, followLinks));
        Map<String, Object> out = new java.util.HashMap<>();
        for (String name : wanted) {
            out.put(name, GETTERS.get(name).apply(attrs));
        }
        return out;
    }

    static void set(Lisa4jPath path, String attribute, Object value, boolean followLinks) throws IOException {
        String[] parts = split(attribute);
        String view = parts[0];
        String name = parts[1];
        if (!names(view).contains(name)) {
            throw new IllegalArgumentException("'" + attribute + "' not recognized");
        }
        RemoteAttributeView target = new RemoteAttributeView(path, followLinks, view);
        switch (name) {
            case "lastModifiedTime" -> target.setTimes((FileTime) value, null, null);
            case "lastAccessTime" -> target.setTimes(null, (FileTime) value, null);
            case "creationTime" -> target.setTimes(null, null, (FileTime) value);
            case "permissions" -> target.setPermissions(Modes.permissions(Modes.mode((Set<?>) value)));
            case "owner" -> target.setOwner((UserPrincipal) value);
            case "group" -> target.setGroup((GroupPrincipal) value);
            case "mode" -> target.apply(AttrChange.none().withMode((Integer) value));
            case "uid" -> target.apply(AttrChange.none().withUid((Integer) value));
            case "gid" -> target.apply(AttrChange.none().withGid((Integer) value));
            default -> throw new IllegalArgumentException("'" + attribute + "' cannot be set");
        }
    }
}
