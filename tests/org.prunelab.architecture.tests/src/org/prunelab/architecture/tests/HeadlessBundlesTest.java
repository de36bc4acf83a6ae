package org.prunelab.architecture.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Headless bundles (every bundle whose name has no {@code .ui} segment) must run without a display: the
 * command-line application and clusters use them. None may require SWT, JFace, the workbench or a UI
 * library, by bundle or by package.
 */
class HeadlessBundlesTest {

    /** Bundle and package prefixes that belong to the UI. */
    static final List<String> UI_PREFIXES = List.of("org.eclipse.swt", "org.eclipse.jface", "org.eclipse.ui",
            "org.eclipse.e4.ui", "org.eclipse.swtchart", "org.eclipse.draw2d", "org.eclipse.gef");

    @Test
    void noHeadlessBundleRequiresTheUi() throws IOException {
        Path bundles = bundlesFolder();
        List<String> checked = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(bundles)) {
            for (Path dir : dirs.sorted().toList()) {
                Path manifest = dir.resolve("META-INF/MANIFEST.MF");
                String name = dir.getFileName().toString();
                if (!Files.isRegularFile(manifest) || isUiBundle(name)) {
                    continue;
                }
                checked.add(name);
                try (InputStream in = Files.newInputStream(manifest)) {
                    violations.addAll(uiDependencies(name, in));
                }
            }
        }
        assertTrue(checked.containsAll(List.of("org.prunelab.runtime", "org.prunelab.core")), "checked: " + checked);
        assertEquals(List.of(), violations, "headless bundles depend on the UI");
    }

    @Test
    void aManifestRequiringSwtOrImportingJfaceIsCaught() throws IOException {
        String manifest = """
                Manifest-Version: 1.0
                Bundle-SymbolicName: org.prunelab.bad
                Require-Bundle: org.eclipse.core.runtime;bundle-version="[3.30.0,4.0.0)",
                 org.eclipse.swt
                Import-Package: org.eclipse.jface.viewers;version="[3.0,4)",
                 com.google.gson
                """;
        List<String> found = uiDependencies("org.prunelab.bad",
                new ByteArrayInputStream(manifest.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("org.prunelab.bad -> org.eclipse.swt", "org.prunelab.bad -> org.eclipse.jface.viewers"),
                found);
    }

    @Test
    void uiBundlesAreRecognisedByTheirUiSegment() {
        assertTrue(isUiBundle("org.prunelab.ui"));
        assertTrue(isUiBundle("org.prunelab.ui.sparklines"));
        assertTrue(!isUiBundle("org.prunelab.runtime") && !isUiBundle("org.prunelab.uiless"));
    }

    /** The repository's bundles/ folder, which the build passes in. */
    static Path bundlesFolder() {
        Path bundles = Path.of(System.getProperty("prunelab.bundles", "missing"));
        assertTrue(Files.isDirectory(bundles), "system property prunelab.bundles must name the bundles/ folder: " + bundles);
        return bundles;
    }

    static boolean isUiBundle(String name) {
        return List.of(name.split("\\.")).contains("ui");
    }

    static List<String> uiDependencies(String bundle, InputStream manifest) throws IOException {
        return ManifestDependencies.read(manifest).stream()
                .filter(d -> UI_PREFIXES.stream().anyMatch(p -> d.equals(p) || d.startsWith(p + ".")))
                .map(d -> bundle + " -> " + d).toList();
    }
}
