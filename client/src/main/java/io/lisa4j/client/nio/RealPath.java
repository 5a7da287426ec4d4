package io.lisa4j.client.nio;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.value.FileAttr;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * toRealPath on the client, as realpath(3) does it, with the export root as "/": one LSTAT per
 * component and one READLINK per symlink met. Without following links, the JDK's rules: "." goes,
 * ".." goes unless it follows a symlink or another "..", and the result must exist.
 */
final class RealPath {
    private final Lisa4jFileSystem fs;

    RealPath(Lisa4jFileSystem fs) {
        this.fs = fs;
    }

    Path of(Lisa4jPath absolute, boolean followLinks) throws IOException {
        return followLinks ? resolved(absolute) : lexical(absolute);
    }

    private Path resolved(Lisa4jPath absolute) throws IOException {
        Deque<Path> todo = new ArrayDeque<>();
        absolute.forEach(todo::add);
        Lisa4jPath result = fs.root();
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.peekFirst().toString();
            Path element = todo.pollFirst();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                result = result.getParent() == null ? result : (Lisa4jPath) result.getParent();
                continue;
            }
            Lisa4jPath candidate = result.resolve(element);
            FileAttr attr = Stat.fresh(candidate, false);
            if (!attr.isSymlink()) {
                result = candidate;
                continue;
            }
            if (++links > ProtocolConstants.MAX_SYMLINK_FOLLOWS) {
                throw Errors.translate(Errno.ELOOP.number(), absolute, null);
            }
            Lisa4jPath target = Lisa4jPath.parse(fs, readlink(candidate));
            Deque<Path> spliced = new ArrayDeque<>();
            target.forEach(spliced::add);
            spliced.addAll(todo);
            todo = spliced;
            if (target.isAbsolute()) {
                result = fs.root();
            }
        }
        return result;
    }

    private byte[] readlink(Lisa4jPath link) throws IOException {
        try {
            return fs.remote().readlink(link.remote());
        } catch (IOException e) {
            throw Errors.translate(e, link, null);
        }
    }

    private Path lexical(Lisa4jPath absolute) throws IOException {
        Lisa4jPath result = fs.root();
        boolean parentIsDotDot = false;
        for (Path element : absolute) {
            String name = element.toString();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!Stat.fresh(result, false).isSymlink() && !parentIsDotDot) {
                    result = result.getParent() == null ? fs.root() : (Lisa4jPath) result.getParent();
                    continue;
                }
                parentIsDotDot = true;
            } else {
                parentIsDotDot = false;
            }
            result = result.resolve(element);
        }
        Stat.fresh(result, false);
        return result;
    }
}
