package io.lisa4j.conformance.cases;

import static io.lisa4j.conformance.run.Check.eq;
import static io.lisa4j.conformance.run.Check.errno;
import static io.lisa4j.conformance.run.Check.isTrue;
import static io.lisa4j.protocol.ProtocolConstants.AT_SYMLINK_FOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_APPEND;
import static io.lisa4j.protocol.ProtocolConstants.O_CREAT;
import static io.lisa4j.protocol.ProtocolConstants.O_EXCL;
import static io.lisa4j.protocol.ProtocolConstants.O_NOFOLLOW;
import static io.lisa4j.protocol.ProtocolConstants.O_PATH;
import static io.lisa4j.protocol.ProtocolConstants.O_RDONLY;
import static io.lisa4j.protocol.ProtocolConstants.O_RDWR;
import static io.lisa4j.protocol.ProtocolConstants.O_TRUNC;
import static io.lisa4j.protocol.ProtocolConstants.O_WRONLY;

import io.lisa4j.client.RemoteFile;
import io.lisa4j.client.RemoteFs;
import io.lisa4j.client.RemotePath;
import io.lisa4j.conformance.run.Case;
import io.lisa4j.conformance.run.CaseEnv;
import io.lisa4j.conformance.run.Check;
import io.lisa4j.conformance.run.Section;
import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ErrnoException;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.StoppedException;
import io.lisa4j.protocol.value.AttrChange;
import io.lisa4j.protocol.value.ResolveMode;
import io.lisa4j.protocol.value.Timestamp;
import java.util.List;

/**
 * §10 containment: every way out of the export a client can try, in both resolve modes: '..'
 * above the root, absolute and relative symlinks to the outside (last or in the middle), loops,
 * symlinks as the final component of the calls that create, open, link, rename or remove, and
 * writes through symlinks. After each case the canary outside the export is untouched.
 */
final class EscapeCases {
    private EscapeCases() {}

    /** The calls of one case, run once per resolve mode on the scratch export in that mode. */
    @FunctionalInterface
    private interface Attempts {
        void run(CaseEnv e, RemoteFs fs, ResolveMode mode) throws Exception;
    }

    static List<Case> cases() {
        return new Section("10")
                .add("'..' above the export root reaches nothing outside, whatever the call", e -> contained(e,
                        (env, fs, mode) -> everyCall(env, fs, mode, up(env) + canaryDir(env))))
                .add("'..' above the root from a base handle reaches nothing outside", e -> contained(e, (env, fs, mode) -> {
                    try (RemoteFile d = fs.open(env.p(""), O_RDONLY | ProtocolConstants.O_DIRECTORY)) {
                        String path = "../".repeat(env.depth() + 3) + canaryDir(env) + "/secret";
                        refused(mode, Errno.ENOENT, () -> fs.stat(RemotePath.at(d, path)));
                        refused(mode, Errno.ENOENT, () -> fs.open(RemotePath.at(d, path), O_WRONLY | O_TRUNC, 0));
                        refused(mode, Errno.ENOENT, () -> fs.unlink(RemotePath.at(d, path), 0));
                    }
                }))
                .add("an absolute symlink to the outside directory is re-anchored or stops", e -> contained(e,
                        (env, fs, mode) -> {
                            fs.symlink(env.canary().dir().toString(), env.p("abs"));
                            everyCall(env, fs, mode, env.dir() + "/abs");
                        }))
                .add("a relative symlink climbing out of the export is clamped or stops", e -> contained(e,
                        (env, fs, mode) -> {
                            fs.symlink(up(env) + "../../" + canaryDir(env), env.p("rel"));
                            everyCall(env, fs, mode, env.dir() + "/rel");
                        }))
                .add("writes through a symlink to the outside file fail every way", e -> contained(e,
                        (env, fs, mode) -> {
                            fs.symlink(env.canary().file().toString(), env.p("abs"));
                            fs.symlink(up(env) + canaryDir(env) + "/secret", env.p("rel"));
                            for (String link : List.of("abs", "rel")) {
                                writesThrough(env, fs, mode, env.p(link));
                            }
                        }))
                .add("symlink loops get ELOOP, through '..' too", e -> contained(e, (env, fs, mode) -> {
                    fs.symlink("b", env.p("a"));
                    fs.symlink("a", env.p("b"));
                    String self = new String(env.comps("").getLast(), java.nio.charset.StandardCharsets.UTF_8);
                    fs.symlink("../" + self + "/up", env.p("up"));
                    for (String loop : List.of("a", "up")) {
                        refused(mode, Errno.ELOOP, () -> fs.stat(env.p(loop)));
                        refused(mode, Errno.ELOOP, () -> fs.open(env.p(loop), O_CREAT | O_WRONLY, 0644));
                        refused(mode, Errno.ELOOP, () -> fs.mkdir(env.p(loop + "/x"), 0755));
                        refused(mode, Errno.ELOOP, () -> fs.setattr(env.p(loop), AttrChange.none().withSize(0)));
                    }
                }))
                .add("a final symlink to the outside is never followed by create calls: EEXIST", e -> contained(e,
                        (env, fs, mode) -> {
                            fs.symlink(env.canary().file().toString(), env.p("abs"));
                            fs.symlink(env.canary().dir() + "/inner", env.p("absdir"));
                            for (String link : List.of("abs", "absdir")) {
                                errno(Errno.EEXIST, () -> fs.open(env.p(link), O_CREAT | O_EXCL | O_WRONLY, 0644));
                                errno(Errno.EEXIST, () -> fs.mkdir(env.p(link), 0755));
                                errno(Errno.EEXIST, () -> fs.mknod(env.p(link), ProtocolConstants.S_IFIFO | 0600, 0, 0));
                                errno(Errno.EEXIST, () -> fs.symlink("x", env.p(link)));
                                env.write("f", "inside");
                                errno(Errno.EEXIST, () -> fs.link(env.p("f"), env.p(link)));
                            }
                        }))
                .add("OPEN of a final symlink to the outside: O_NOFOLLOW gets ELOOP, O_PATH|O_NOFOLLOW opens the link", e ->
                        contained(e, (env, fs, mode) -> {
                            fs.symlink(env.canary().file().toString(), env.p("abs"));
                            errno(Errno.ELOOP, () -> fs.open(env.p("abs"), O_NOFOLLOW | O_RDWR));
                            errno(Errno.ELOOP, () -> fs.open(env.p("abs"), O_NOFOLLOW | O_CREAT | O_WRONLY, 0644));
                            try (RemoteFile l = fs.open(env.p("abs"), O_PATH | O_NOFOLLOW)) {
                                isTrue(l.attr().isSymlink(), "the symlink itself");
                                eq("its target", env.canary().file().toString().getBytes(), l.freadlink());
                                errno(Errno.EBADF, () -> l.pwrite(0, "x".getBytes()));
                            }
                        }))
                .add("LINK of a symlink to the outside links the symlink; with follow it stays inside", e -> contained(e,
                        (env, fs, mode) -> {
                            fs.symlink(env.canary().file().toString(), env.p("abs"));
                            fs.link(env.path("abs"), env.path("copy"), 0);
                            eq("the new name is the symlink", env.canary().file().toString().getBytes(),
                                    fs.readlink(env.p("copy")));
                            refused(mode, Errno.ENOENT, () -> fs.link(env.path("abs"), env.path("followed"), AT_SYMLINK_FOLLOW));
                        }))
                .add("RENAME onto or of a symlink to the outside moves entries, never the target", e -> contained(e,
                        (env, fs, mode) -> {
                            fs.symlink(env.canary().file().toString(), env.p("abs"));
                            fs.symlink(env.canary().file().toString(), env.p("abs2"));
                            env.write("f", "inside");
                            fs.rename(env.p("f"), env.p("abs"));
                            eq("the file replaced the symlink", "inside", env.read("abs"));
                            fs.rename(env.p("abs2"), env.p("moved"));
                            eq("the symlink moved", env.canary().file().toString().getBytes(), fs.readlink(env.p("moved")));
                            errno(Errno.EEXIST, () -> fs.rename(env.path("abs"), env.path("moved"),
                                    ProtocolConstants.RENAME_NOREPLACE));
                            fs.rename(env.path("abs"), env.path("moved"), ProtocolConstants.RENAME_EXCHANGE);
                            eq("exchanged", "inside", env.read("moved"));
                        }))
                .add("UNLINK of a symlink to the outside removes the link only", e -> contained(e, (env, fs, mode) -> {
                    fs.symlink(env.canary().file().toString(), env.p("abs"));
                    fs.symlink(env.canary().dir().toString(), env.p("absdir"));
                    fs.unlink(env.p("abs"));
                    errno(Errno.ENOTDIR, () -> fs.rmdir(env.p("absdir")));
                    fs.unlink(env.p("absdir"));
                    eq("entries left", List.of(), env.names(""));
                }))
                .add("O_CREAT through a dangling absolute symlink creates inside the export (InRoot)", e -> {
                    RemoteFs fs = e.fs();
                    fs.symlink("/" + e.p("created"), e.p("inside"));
                    try (RemoteFile f = fs.open(e.p("inside"), O_CREAT | O_WRONLY, 0600)) {
                        isTrue(f.created(), "created");
                        f.pwrite(0, "in".getBytes());
                    }
                    eq("the file at the target, inside the export", "in", e.read("created"));
                    fs.symlink(e.canary().dir() + "/new", e.p("outside"));
                    errno(Errno.ENOENT, () -> fs.open(e.p("outside"), O_CREAT | O_WRONLY, 0600));
                    Check.stopped(StoppedException.Reason.SYMLINK, e.depth(),
                            () -> e.stop().open(e.p("outside"), O_CREAT | O_WRONLY, 0600));
                    e.canary().verifyUntouched();
                })
                .add("SETATTR and xattr calls with nofollow act on the symlink itself", e -> contained(e,
                        (env, fs, mode) -> {
                            fs.symlink(env.canary().file().toString(), env.p("abs"));
                            RemotePath link = env.path("abs");
                            var r = AttrCases.partial(Errno.EOPNOTSUPP,
                                    () -> fs.lsetattr(link, AttrChange.none().withMode(0600)));
                            eq("chmod of a symlink", List.of(Errno.EOPNOTSUPP.number()),
                                    r.failures().stream().map(f -> f.errno()).toList());
                            fs.lsetattr(link, AttrChange.none().withMtime(new Timestamp(1_000_000_000L, 0)));
                            eq("the link's own mtime", 1_000_000_000L, fs.lstat(link).mtime().seconds());
                            errno(Errno.EPERM, () -> fs.lsetxattr(link, "user.a", new byte[] {1}, 0));
                        }))
                .cases();
    }

    /** Runs {@code attempts} in both modes, each in a fresh subdirectory, then checks the canary. */
    private static void contained(CaseEnv e, Attempts attempts) throws Exception {
        for (ResolveMode mode : ResolveMode.values()) {
            RemoteFs fs = mode == ResolveMode.STOP ? e.stop() : e.fs();
            Check.within(mode.toString(), () -> {
                attempts.run(e.in(mode.toString().toLowerCase(java.util.Locale.ROOT)), fs, mode);
                return null;
            });
        }
        e.canary().verifyUntouched();
    }

    /** What every kind of call does with {@code target}, a path that leads outside if anything does. */
    private static void everyCall(CaseEnv e, RemoteFs fs, ResolveMode mode, String target) throws Exception {
        String secret = target + "/secret";
        refused(mode, Errno.ENOENT, () -> fs.stat(secret));
        refused(mode, Errno.ENOENT, () -> fs.open(secret, O_RDONLY));
        refused(mode, Errno.ENOENT, () -> fs.open(secret, O_WRONLY | O_TRUNC));
        refused(mode, Errno.ENOENT, () -> fs.open(target + "/new", O_CREAT | O_WRONLY, 0644));
        refused(mode, Errno.ENOENT, () -> fs.mkdir(target + "/new", 0755));
        refused(mode, Errno.ENOENT, () -> fs.mknod(target + "/new", ProtocolConstants.S_IFIFO | 0600, 0, 0));
        refused(mode, Errno.ENOENT, () -> fs.symlink("x", target + "/new"));
        refused(mode, Errno.ENOENT, () -> fs.unlink(secret));
        refused(mode, Errno.ENOENT, () -> fs.rmdir(target + "/inner"));
        refused(mode, Errno.ENOENT, () -> fs.rename(secret, e.p("stolen")));
        e.write("f", "inside");
        refused(mode, Errno.ENOENT, () -> fs.rename(e.p("f"), target + "/planted"));
        refused(mode, Errno.ENOENT, () -> fs.link(secret, e.p("stolen")));
        refused(mode, Errno.ENOENT, () -> fs.link(e.p("f"), target + "/planted"));
        refused(mode, Errno.ENOENT, () -> fs.setattr(secret, AttrChange.none().withSize(0).withMode(0777)));
        refused(mode, Errno.ENOENT, () -> fs.setxattr(secret, "user.a", new byte[] {1}, 0));
        refused(mode, Errno.ENOENT, () -> fs.getxattr(secret, "user.a"));
        refused(mode, Errno.ENOENT, () -> fs.readlink(secret));
        refused(mode, Errno.ENOENT, () -> fs.statfs(secret));
        refused(mode, Errno.ENOENT, () -> {
            fs.access(secret, ProtocolConstants.F_OK);
            return null;
        });
    }

    /** Every write that could reach a file through the symlink {@code link}. */
    private static void writesThrough(CaseEnv e, RemoteFs fs, ResolveMode mode, String link) throws Exception {
        for (int flags : new int[] {O_WRONLY, O_RDWR, O_WRONLY | O_APPEND, O_WRONLY | O_TRUNC, O_RDONLY | O_TRUNC,
                O_CREAT | O_WRONLY, O_CREAT | O_RDWR | O_TRUNC}) {
            refused(mode, Errno.ENOENT, () -> fs.open(link, flags, 0644));
        }
        errno(Errno.EEXIST, () -> fs.open(link, O_CREAT | O_EXCL | O_WRONLY, 0644));
        refused(mode, Errno.ENOENT, () -> fs.setattr(link, AttrChange.none().withSize(0)));
        refused(mode, Errno.ENOENT, () -> fs.setattr(link, AttrChange.none().withMode(0777)));
        refused(mode, Errno.ENOENT, () -> fs.setattr(link, AttrChange.none().withMtimeNow()));
        refused(mode, Errno.ENOENT, () -> fs.setxattr(link, "user.a", new byte[] {1}, 0));
        refused(mode, Errno.ENOENT, () -> fs.removexattr(link, "user.a"));
        refused(mode, Errno.ENOENT, () -> fs.link(RemotePath.of(link), e.path("hard"), AT_SYMLINK_FOLLOW));
    }

    /** In InRoot mode the call fails with {@code inRoot}; in Stop mode it ends STOPPED. */
    private static void refused(ResolveMode mode, Errno inRoot, Check.Call call) {
        if (mode == ResolveMode.IN_ROOT) {
            errno(inRoot, call);
            return;
        }
        try {
            Object r = call.run();
            throw Check.fail("STOPPED", Check.describe(r));
        } catch (StoppedException expected) {
            // the walk stopped: the client resolves the rest, nothing reached the outside
        } catch (ErrnoException other) {
            throw Check.fail("STOPPED", Check.describe(other));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw Check.fail("STOPPED", Check.describe(e));
        }
    }

    /** '..' enough times to climb from this case's directory far above the export root. */
    private static String up(CaseEnv e) {
        return e.dir() + "/" + "../".repeat(e.depth() + 3);
    }

    /** The canary directory's host path without its leading '/'. */
    private static String canaryDir(CaseEnv e) {
        return e.canary().dir().toString().substring(1);
    }
}
