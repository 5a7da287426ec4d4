package io.lisa4j.conformance;

import io.lisa4j.server.host.HostBackendProvider;
import io.lisa4j.server.spi.BackendFile;
import io.lisa4j.server.spi.BackendProvider;
import io.lisa4j.server.spi.ExportBackend;
import io.lisa4j.server.spi.ExportSpec;
import io.lisa4j.server.spi.Lookup;
import io.lisa4j.server.spi.Opened;
import io.lisa4j.server.spi.ReadResult;
import io.lisa4j.server.spi.SetAttrResult;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A deliberately broken backend, for proving that the suite detects faults: exports of kind
 * "broken" are host exports whose PREAD never reports end of file and whose SETATTR returns the
 * attributes from before the change. Test-only; found by ServiceLoader from the test classpath.
 */
public final class BrokenBackendProvider implements BackendProvider {
    public static final String KIND = "broken";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ExportBackend open(ExportSpec spec) throws IOException {
        ExportSpec host = new ExportSpec(spec.name(), HostBackendProvider.KIND, spec.location(), spec.readOnly(),
                spec.options());
        ExportBackend real = new HostBackendProvider().open(host);
        return proxy(ExportBackend.class, real, (method, args) -> switch (method.getName()) {
            case "open" -> {
                Opened o = (Opened) call(method, real, args);
                yield new Opened(dropEof(o.file()), o.attr(), o.created(), o.parent());
            }
            case "setattr" -> {
                Lookup at = (Lookup) args[0];
                var before = real.stat(at, (Boolean) args[1]);
                SetAttrResult r = (SetAttrResult) call(method, real, args);
                yield new SetAttrResult(before, r.failures());
            }
            default -> call(method, real, args);
        });
    }

    private static BackendFile dropEof(BackendFile file) {
        return proxy(BackendFile.class, file, (method, args) -> {
            Object r = call(method, file, args);
            return switch (method.getName()) {
                case "pread" -> new ReadResult(((ReadResult) r).count(), false);
                // PREAD as the transport calls it (BackendFile.read); the same fault.
                case "read" -> ((java.util.concurrent.CompletionStage<?>) r)
                        .thenApply(read -> new ReadResult(((ReadResult) read).count(), false));
                default -> r;
            };
        });
    }

    private interface Behaviour {
        Object invoke(Method method, Object[] args) throws Throwable;
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static <T> T proxy(Class<T> type, T target, Behaviour behaviour) {
        InvocationHandler h = (p, method, args) -> behaviour.invoke(method, args);
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, h));
    }
}
