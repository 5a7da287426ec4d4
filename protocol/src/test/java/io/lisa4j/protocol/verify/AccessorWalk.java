package io.lisa4j.protocol.verify;

import com.google.flatbuffers.Struct;
import com.google.flatbuffers.Table;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads every field of a body through the generated accessors, recursing into sub-tables,
 * structs and vector elements: what a decoder could touch. Used as the oracle that a body the
 * verifier accepts is safe to read.
 */
final class AccessorWalk {
    private static final int MAX_ELEMENTS = 10_000;

    private AccessorWalk() {}

    static void walk(ByteBuffer body, TableType type) {
        if (body.remaining() == 0) {
            return; // an empty body stands for a table with every field absent; receivers never parse it
        }
        try {
            Class<?> cls = Class.forName("io.lisa4j.protocol.fb." + type.name());
            Method root = cls.getMethod("getRootAs" + type.name(), ByteBuffer.class);
            ByteBuffer bb = body.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            visit(root.invoke(null, bb), 0);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void visit(Object value, int depth) throws ReflectiveOperationException {
        if (value == null || depth > 100 || !(value instanceof Table || value instanceof Struct)) {
            return;
        }
        for (Method m : value.getClass().getDeclaredMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers())
                    || m.getName().startsWith("__") || m.getReturnType() == void.class) {
                continue;
            }
            Class<?>[] params = m.getParameterTypes();
            if (params.length == 0) {
                visit(m.invoke(value), depth + 1);
            } else if (params.length == 1 && params[0] == int.class) {
                Method length = value.getClass().getMethod(m.getName() + "Length");
                int n = Math.min((int) length.invoke(value), MAX_ELEMENTS);
                for (int j = 0; j < n; j++) {
                    visit(m.invoke(value, j), depth + 1);
                }
            }
        }
    }
}
