package io.lisa4j.conformance.cases;

import static io.lisa4j.conformance.run.Check.eq;
import static io.lisa4j.protocol.ProtocolConstants.O_APPEND;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;

import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.CaseFailure;
import io.lisa4j.conformance.run.Section;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * §1 concurrent mutation by another party behaves as the syscalls do: two connections work on the
 * same tree, each call ends with its syscall's success or errno, and the tree ends consistent.
 * Iteration counts are bounded; nothing depends on timing.
 */
final class ConcurrencyCases {
    private static final int ROUNDS = 300;

    private ConcurrencyCases() {}

    /** One connection's loop; it records unexpected outcomes in {@code problems}. */
    @FunctionalInterface
    private interface Loop {
        void run(RemoteFs fs, Queue<String> problems) throws Exception;
    }

    static void addTo(Section s) {
        s.add("two connections: OPEN O_CREAT without O_EXCL never gets EEXIST while the other creates and unlinks",
                e -> together(e, (fs, problems) -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        tolerate(problems, "create", () -> fs.open(e.p("n"), O_CREAT | O_EXCL | O_WRONLY, 0644).close(),
                                Errno.EEXIST);
                        tolerate(problems, "unlink", () -> fs.unlink(e.p("n")), Errno.ENOENT);
                    }
                }, (fs, problems) -> {
                    for (int i = 0; i < ROUNDS; i++) {
                        tolerate(problems, "open O_CREAT", () -> fs.open(e.p("n"), O_CREAT | O_RDWR, 0644).close());
                    }
                }));
        s.add("two connections renaming in one directory lose and duplicate nothing", e -> {
            List<String> contents = List.of("zero", "one", "two", "three");
            for (int i = 0; i < contents.size(); i++) {
                e.write("n" + i, contents.get(i));
            }
            together(e, renamer(e, 1), renamer(e, 2));
            List<String> names = e.names("");
            eq("entries", contents.size(), names.size());
            List<String> found = new ArrayList<>();
            for (String name : names) {
                found.add(e.read(name));
                eq("nlink of " + name, 1L, e.fs().lstat(e.p(name)).nlink());
            }
            Collections.sort(found);
            eq("contents", contents.stream().sorted().toList(), found);
        });
        s.add("two connections: MKDIR/RMDIR against creation inside end in a consistent tree", e -> {
            together(e, (fs, problems) -> {
                for (int i = 0; i < ROUNDS; i++) {
                    tolerate(problems, "mkdir", () -> fs.mkdir(e.p("d"), 0755), Errno.EEXIST);
                    tolerate(problems, "rmdir", () -> fs.rmdir(e.p("d")), Errno.ENOENT, Errno.ENOTEMPTY);
                }
            }, (fs, problems) -> {
                for (int i = 0; i < ROUNDS; i++) {
                    tolerate(problems, "create inside", () -> fs.open(e.p("d/f"), O_CREAT | O_WRONLY, 0644).close(),
                            Errno.ENOENT);
                    tolerate(problems, "unlink inside", () -> fs.unlink(e.p("d/f")), Errno.ENOENT);
                }
            });
            for (String name : e.names("")) {
                eq("type of " + name, true, e.fs().lstat(e.p(name)).isDirectory());
                for (String inner : e.names(name)) {
                    e.fs().lstat(e.p(name + "/" + inner));
                }
            }
        });
        s.add("two connections writing disjoint ranges of one file: every byte lands", e -> {
            e.write("f", "");
            together(e, blockWriter(e, 'a', 0), blockWriter(e, 'b', 1));
            String content = e.read("f");
            eq("size", 2 * ROUNDS * 16, content.length());
            for (int block = 0; block < 2 * ROUNDS; block++) {
                String expected = String.valueOf(block % 2 == 0 ? 'a' : 'b').repeat(16);
                eq("block " + block, expected, content.substring(block * 16, block * 16 + 16));
            }
        });
        s.add("two connections appending to one file lose no record", e -> {
            e.write("f", "");
            together(e, appender(e, 'a'), appender(e, 'b'));
            String content = e.read("f");
            eq("size", 2 * ROUNDS * 8, content.length());
            for (int i = 0; i < content.length(); i += 8) {
                String record = content.substring(i, i + 8);
                eq("record at " + i + " is whole", true, record.equals("a".repeat(8)) || record.equals("b".repeat(8)));
            }
        });
    }

    private static Loop renamer(CaseEnv e, long seed) {
        return (fs, problems) -> {
            Random random = new Random(seed);
            for (int i = 0; i < ROUNDS; i++) {
                RemotePath from = e.path("n" + random.nextInt(8));
                RemotePath to = e.path("n" + random.nextInt(8));
                int flags = random.nextBoolean() ? ProtocolConstants.RENAME_NOREPLACE : ProtocolConstants.RENAME_EXCHANGE;
                tolerate(problems, "rename", () -> fs.rename(from, to, flags), Errno.ENOENT, Errno.EEXIST);
            }
        };
    }

    private static Loop blockWriter(CaseEnv e, char fill, int parity) {
        byte[] block = String.valueOf(fill).repeat(16).getBytes(StandardCharsets.US_ASCII);
        return (fs, problems) -> {
            try (RemoteFile f = fs.open(e.p("f"), O_WRONLY)) {
                for (int i = 0; i < ROUNDS; i++) {
                    long offset = (2L * i + parity) * 16;
                    tolerate(problems, "pwrite", () -> f.pwrite(offset, block));
                }
            }
        };
    }

    private static Loop appender(CaseEnv e, char fill) {
        byte[] record = String.valueOf(fill).repeat(8).getBytes(StandardCharsets.US_ASCII);
        return (fs, problems) -> {
            try (RemoteFile f = fs.open(e.p("f"), O_WRONLY | O_APPEND)) {
                for (int i = 0; i < ROUNDS; i++) {
                    tolerate(problems, "append", () -> f.pwrite(0, record));
                }
            }
        };
    }

    /** A call that may end only in success or one of {@code allowed}. */
    @FunctionalInterface
    private interface Call {
        void run() throws IOException;
    }

    private static void tolerate(Queue<String> problems, String what, Call call, Errno... allowed) {
        try {
            call.run();
        } catch (ErrnoException x) {
            if (Arrays.stream(allowed).noneMatch(a -> a.number() == x.errno())) {
                problems.add(what + ": " + Errno.describe(x.errno()));
            }
        } catch (IOException x) {
            problems.add(what + ": " + x);
        }
    }

    /** Runs the two loops at once, each on its own connection, and fails with what they recorded. */
    private static void together(CaseEnv e, Loop first, Loop second) throws Exception {
        Queue<String> problems = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (Loop loop : List.of(first, second)) {
            RemoteFs fs = e.newSession().mount(e.target().export());
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    loop.run(fs, problems);
                } catch (Exception x) {
                    problems.add(x.toString());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!problems.isEmpty()) {
            throw new CaseFailure("expected only the syscalls' own outcomes, got " + problems.size() + ": "
                    + Set.copyOf(problems));
        }
    }
}
