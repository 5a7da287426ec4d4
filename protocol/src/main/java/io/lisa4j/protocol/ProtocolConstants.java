package io.lisa4j.protocol;

/** Numbers fixed by PROTOCOL.md. Flag values are Linux x86_64's, whatever the host architecture. */
public final class ProtocolConstants {
    private ProtocolConstants() {}

    /** The only protocol version this build speaks. */
    public static final int VERSION = 1;

    /** Frame header size, the 4-byte length prefix included (PROTOCOL.md §2). */
    public static final int HEADER_SIZE = 20;
    /** Bytes of the header that the length prefix counts. */
    public static final int HEADER_AFTER_LENGTH = HEADER_SIZE - 4;

    /** Largest frame either side accepts before the handshake has set the real limit. */
    public static final int PRE_HANDSHAKE_MAX_MESSAGE = 64 * 1024;
    /** No peer may negotiate a smaller maximum than this. */
    public static final int MIN_MAX_MESSAGE = 64 * 1024;
    /** What this implementation offers by default: room for 1 MiB reads and writes with plenty to spare. */
    public static final int DEFAULT_MAX_MESSAGE = 4 * 1024 * 1024;
    /** Bytes of a frame reserved for header and body; the data section may use the rest. */
    public static final int DATA_HEADROOM = 4096;

    /** Reply status: success. */
    public static final int STATUS_OK = 0;
    /** Reply status: a walk stopped at a symlink or above the root; the body is a StoppedReply. */
    public static final int STATUS_STOPPED = -1;

    /** fsid for session messages that concern no export. */
    public static final int NO_FSID = 0;
    /** Handle value that names the export root in a PathRef. */
    public static final long ROOT_HANDLE = 0;

    // Feature bits offered in HELLO; the session uses the AND of both sides.
    /** Host file descriptors donated over SCM_RIGHTS (Unix sockets only). */
    public static final long FEATURE_FD_DONATION = 1L;
    /** Requests may carry caller credentials for the server to assume. */
    public static final long FEATURE_CREDENTIALS = 1L << 1;
    /** Request header flag: the data section starts with a credentials block (needs FEATURE_CREDENTIALS). */
    public static final int FLAG_CREDENTIALS = 1;
    /** Most supplementary groups a credentials block may carry. */
    public static final int MAX_CREDENTIAL_GROUPS = 64;

    // Limits every server enforces at least this strictly.
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_COMPONENTS = 4096 / 2;
    public static final int MAX_SYMLINK_TARGET = 4095;
    public static final int MAX_SYMLINK_FOLLOWS = 40;
    public static final int MAX_XATTR_NAME = 255;
    public static final int MAX_XATTR_VALUE = 64 * 1024;

    // open(2) flags.
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_ACCMODE = 3;
    public static final int O_CREAT = 0x40;
    public static final int O_EXCL = 0x80;
    public static final int O_NOCTTY = 0x100;
    public static final int O_TRUNC = 0x200;
    public static final int O_APPEND = 0x400;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_DSYNC = 0x1000;
    public static final int O_DIRECT = 0x4000;
    public static final int O_LARGEFILE = 0x8000;
    public static final int O_DIRECTORY = 0x10000;
    public static final int O_NOFOLLOW = 0x20000;
    public static final int O_NOATIME = 0x40000;
    public static final int O_CLOEXEC = 0x80000;
    public static final int O_SYNC = 0x101000;
    public static final int O_PATH = 0x200000;
    public static final int O_TMPFILE = 0x410000;

    // *at flags.
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EACCESS = 0x200;
    public static final int AT_SYMLINK_FOLLOW = 0x400;

    // renameat2 flags.
    public static final int RENAME_NOREPLACE = 1;
    public static final int RENAME_EXCHANGE = 2;

    // setxattr flags.
    public static final int XATTR_CREATE = 1;
    public static final int XATTR_REPLACE = 2;

    // access(2) modes.
    public static final int F_OK = 0;
    public static final int X_OK = 1;
    public static final int W_OK = 2;
    public static final int R_OK = 4;

    // SETATTR mask bits.
    public static final int SETATTR_MODE = 1;
    public static final int SETATTR_UID = 2;
    public static final int SETATTR_GID = 4;
    public static final int SETATTR_SIZE = 8;
    public static final int SETATTR_ATIME = 16;
    public static final int SETATTR_MTIME = 32;
    public static final int SETATTR_ATIME_NOW = 64;
    public static final int SETATTR_MTIME_NOW = 128;
    public static final int SETATTR_ALL = 255;

    // File type bits of st_mode.
    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    // getdents d_type values.
    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    // fallocate modes.
    public static final int FALLOC_FL_KEEP_SIZE = 1;
    public static final int FALLOC_FL_PUNCH_HOLE = 2;

    // statx mask bits reported in Attr.mask.
    public static final int STATX_TYPE = 0x1;
    public static final int STATX_MODE = 0x2;
    public static final int STATX_NLINK = 0x4;
    public static final int STATX_UID = 0x8;
    public static final int STATX_GID = 0x10;
    public static final int STATX_ATIME = 0x20;
    public static final int STATX_MTIME = 0x40;
    public static final int STATX_CTIME = 0x80;
    public static final int STATX_INO = 0x100;
    public static final int STATX_SIZE = 0x200;
    public static final int STATX_BLOCKS = 0x400;
    public static final int STATX_BASIC_STATS = 0x7ff;
    public static final int STATX_BTIME = 0x800;
}
