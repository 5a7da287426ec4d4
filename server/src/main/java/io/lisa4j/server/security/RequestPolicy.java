package io.lisa4j.server.security;

import io.lisa4j.protocol.Errno;
import io.lisa4j.protocol.ProtocolConstants;
import io.lisa4j.protocol.fb.FremoveXattrRequest;
import io.lisa4j.protocol.fb.FsetAttrRequest;
import io.lisa4j.protocol.fb.FsetXattrRequest;
import io.lisa4j.protocol.fb.MkdirRequest;
import io.lisa4j.protocol.fb.MknodRequest;
import io.lisa4j.protocol.fb.Opcode;
import io.lisa4j.protocol.fb.OpenRequest;
import io.lisa4j.protocol.fb.RemoveXattrRequest;
import io.lisa4j.protocol.fb.SetAttrRequest;
import io.lisa4j.protocol.fb.SetXattrRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Applies an export's policy to a verified request body before it runs: a mode with setuid or
 * setgid (OPEN, MKDIR, MKNOD, SETATTR, FSETATTR) and any change to a {@code security.*} extended
 * attribute are refused with EPERM unless the export allows them.
 */
public final class RequestPolicy {
    private static final long SET_ID = 06000;
    private static final byte[] SECURITY = "security.".getBytes(StandardCharsets.US_ASCII);

    private RequestPolicy() {}

    /** 0 when {@code policy} lets the request run, else the errno to answer. */
    public static int check(ExportPolicy policy, int opcode, ByteBuffer body) {
        if (body.remaining() == 0) {
            return 0;
        }
        if (!policy.allowSetId() && (modeOf(opcode, body) & SET_ID) != 0) {
            return Errno.EPERM.number();
        }
        if (!policy.allowSecurityXattrs() && securityName(xattrNameOf(opcode, body))) {
            return Errno.EPERM.number();
        }
        return 0;
    }

    private static long modeOf(int opcode, ByteBuffer body) {
        return switch (opcode) {
            case Opcode.Open -> OpenRequest.getRootAsOpenRequest(body).mode();
            case Opcode.Mkdir -> MkdirRequest.getRootAsMkdirRequest(body).mode();
            case Opcode.Mknod -> MknodRequest.getRootAsMknodRequest(body).mode();
            case Opcode.SetAttr -> {
                SetAttrRequest r = SetAttrRequest.getRootAsSetAttrRequest(body);
                yield (r.mask() & ProtocolConstants.SETATTR_MODE) != 0 ? r.mode() : 0;
            }
            case Opcode.FsetAttr -> {
                FsetAttrRequest r = FsetAttrRequest.getRootAsFsetAttrRequest(body);
                yield (r.mask() & ProtocolConstants.SETATTR_MODE) != 0 ? r.mode() : 0;
            }
            default -> 0;
        };
    }

    private static ByteBuffer xattrNameOf(int opcode, ByteBuffer body) {
        return switch (opcode) {
            case Opcode.SetXattr -> SetXattrRequest.getRootAsSetXattrRequest(body).nameAsByteBuffer();
            case Opcode.RemoveXattr -> RemoveXattrRequest.getRootAsRemoveXattrRequest(body).nameAsByteBuffer();
            case Opcode.FsetXattr -> FsetXattrRequest.getRootAsFsetXattrRequest(body).nameAsByteBuffer();
            case Opcode.FremoveXattr -> FremoveXattrRequest.getRootAsFremoveXattrRequest(body).nameAsByteBuffer();
            default -> null;
        };
    }

    private static boolean securityName(ByteBuffer name) {
        if (name == null || name.remaining() < SECURITY.length) {
            return false;
        }
        for (int i = 0; i < SECURITY.length; i++) {
            if (name.get(name.position() + i) != SECURITY[i]) {
                return false;
            }
        }
        return true;
    }
}
