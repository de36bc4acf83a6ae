package org.prunelab.runtime.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.RuntimeInfo;
import org.prunelab.runtime.RuntimeSettings;
import org.prunelab.runtime.internal.TorchRuntime;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/**
 * libtorch loads offline from the configured native cache, and computes what a hand calculation says.
 */
class ModelRuntimeTest {

    /**
     * Input 1..9 as a 3x3 image; filter 0 = [[1,2],[3,4]] with bias 0.5, filter 1 = [[-1,0],[0,1]]
     * without. Filter 0 at the top-left window [[1,2],[4,5]]: 1 + 4 + 12 + 20 + 0.5 = 37.5; each step
     * right adds 1+2+3+4 = 10, each step down adds 3*10 = 30. Filter 1 is x[i+1][j+1] - x[i][j] = 4
     * everywhere.
     */
    private static final float[] EXPECTED = {37.5f, 47.5f, 67.5f, 77.5f, 4f, 4f, 4f, 4f};

    private static ModelRuntime runtime;

    @BeforeAll
    static void findRuntime() throws InterruptedException {
        runtime = RuntimeServices.modelRuntime();
    }

    @Test
    void conv2dForwardPassGivesTheHandComputedResult() {
        try (NDManager manager = runtime.newManager()) {
            NDArray y = forward(manager);
            assertEquals(new Shape(1, 2, 2, 2), y.getShape());
            assertArrayEquals(EXPECTED, y.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void worksFromAThreadWithAForeignContextClassLoader() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try (NDManager manager = runtime.newManager()) {
            assertArrayEquals(EXPECTED, forward(manager).toFloatArray(), 1e-6f);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void libtorchIsLoadedOfflineFromTheConfiguredNativeCache() {
        RuntimeInfo info = runtime.info();
        assertEquals("true", System.getProperty("ai.djl.offline"), "DJL must run offline");
        assertTrue(info.offline());
        Path expected = Path.of(System.getProperty(RuntimeSettings.NATIVE_CACHE_PROPERTY)).toAbsolutePath().normalize();
        assertEquals(expected, info.nativeCache());
        assertTrue(info.nativeLibraries().stream().anyMatch(l -> l.endsWith("/libtorch_cpu.so") && l.startsWith(
                expected.toString())), "libtorch_cpu.so is not mapped from " + expected + ": " + info.nativeLibraries());
        assertTrue(info.nativeLibraries().stream().anyMatch(l -> l.endsWith("libdjl_torch.so")),
                "the JNI library is not mapped: " + info.nativeLibraries());
    }

    @Test
    void reportsTheEmbeddedVersions() {
        RuntimeInfo info = runtime.info();
        assertEquals("0.35.1", info.djlVersion());
        assertEquals("PyTorch", info.engineName());
        assertEquals("2.7.1", info.libtorchVersion());
        assertTrue(info.threads() > 0 && info.interopThreads() > 0, info.toString());
    }

    @Test
    void setThreadsChangesTheIntraOpThreadCount() {
        int before = runtime.info().threads();
        try {
            runtime.setThreads(1);
            assertEquals(1, runtime.info().threads());
        } finally {
            runtime.setThreads(before);
        }
        assertEquals(before, runtime.info().threads());
    }

    @Test
    void newModelIsAPyTorchModel() {
        try (Model model = runtime.newModel("empty")) {
            assertEquals("empty", model.getName());
            assertEquals("PyTorch", model.getNDManager().getEngine().getEngineName());
        }
    }

    @Test
    void runtimeServiceIsTheTorchRuntime() {
        assertInstanceOf(TorchRuntime.class, runtime);
    }

    private static NDArray forward(NDManager manager) {
        NDArray x = manager.arange(1f, 10f).reshape(1, 1, 3, 3);
        Conv2d conv = Conv2d.builder().setKernelShape(new Shape(2, 2)).setFilters(2).build();
        conv.setInitializer((m, shape, type) -> m.create(new float[] {1, 2, 3, 4, -1, 0, 0, 1}, shape),
                Parameter.Type.WEIGHT);
        conv.setInitializer((m, shape, type) -> m.create(new float[] {0.5f, 0f}, shape), Parameter.Type.BIAS);
        conv.initialize(manager, DataType.FLOAT32, x.getShape());
        return conv.forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }
}
