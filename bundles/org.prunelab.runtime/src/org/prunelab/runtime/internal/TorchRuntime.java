package org.prunelab.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.RuntimeInfo;
import org.prunelab.runtime.RuntimeSettings;
import org.prunelab.runtime.RuntimeUnavailableException;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine of DJL, started lazily, offline, from the natives embedded in this bundle.
 * <p>
 * DJL finds its engine with {@link java.util.ServiceLoader} and its native resources through the thread
 * context class loader, which inside OSGi is not this bundle's: every call into DJL that may look up the
 * engine runs with the context class loader switched to this bundle's own.
 */
@Component(service = ModelRuntime.class)
public final class TorchRuntime implements ModelRuntime {

    private static final String ENGINE = "PyTorch";

    private final RuntimeSettings settings;
    private Engine engine;
    private RuntimeInfo info;

    /**
     * Creates the runtime from the settings found when the component activates.
     */
    @Activate
    public TorchRuntime() {
        this(SettingsReader.read());
    }

    /**
     * Creates a runtime with explicit settings.
     *
     * @param settings where to extract the natives and how many threads to use
     */
    public TorchRuntime(RuntimeSettings settings) {
        this.settings = settings;
    }

    @Override
    public synchronized RuntimeInfo info() {
        engine();
        return info;
    }

    @Override
    public NDManager newManager() {
        Engine e = engine();
        return withBundleClassLoader(e::newBaseManager);
    }

    @Override
    public Model newModel(String name) {
        engine();
        return withBundleClassLoader(() -> Model.newInstance(name, Device.cpu(), ENGINE));
    }

    @Override
    public synchronized void setThreads(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, not " + threads);
        }
        engine();
        JniUtils.setNumThreads(threads);
        info = describe(info.startMillis());
    }

    private synchronized Engine engine() {
        if (engine == null) {
            configureDjl();
            long start = System.nanoTime();
            try {
                engine = withBundleClassLoader(() -> Engine.getEngine(ENGINE));
            } catch (RuntimeException | LinkageError e) {
                throw new RuntimeUnavailableException("libtorch could not be started from the native cache "
                        + settings.nativeCache() + ": " + e.getMessage(), e);
            }
            info = describe((System.nanoTime() - start) / 1_000_000);
        }
        return engine;
    }

    /** DJL reads these properties once, when the engine starts. */
    private void configureDjl() {
        // libtorch comes from the embedded native jar: never download it, and never probe for telemetry
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("DJL_CACHE_DIR", settings.nativeCache().toString());
        System.setProperty("ENGINE_CACHE_DIR", settings.nativeCache().toString());
        if (settings.threads() > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(settings.threads()));
        }
    }

    private RuntimeInfo describe(long startMillis) {
        return new RuntimeInfo(Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(),
                settings.nativeCache(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
                Boolean.getBoolean("ai.djl.offline"), loadedNativeLibraries(), startMillis);
    }

    /** The libtorch libraries mapped into this process, read from the kernel's view of it. */
    private static List<String> loadedNativeLibraries() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.indexOf('/') >= 0).map(l -> l.substring(l.indexOf('/')))
                    .filter(p -> p.contains("libtorch") || p.contains("djl_torch") || p.contains("libc10"))
                    .distinct().sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static <T> T withBundleClassLoader(Callable<T> body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(TorchRuntime.class.getClassLoader());
        try {
            return body.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
