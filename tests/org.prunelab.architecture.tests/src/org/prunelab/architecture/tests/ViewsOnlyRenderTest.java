package org.prunelab.architecture.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Views only render what headless providers computed (Trace Compass's split): no source of a UI bundle
 * touches the engine, neither a DJL type nor a manager of native memory. The computations live in the
 * headless bundles, where the command line and the tests run them too.
 */
class ViewsOnlyRenderTest {

    /** A DJL import, or a call that opens native memory. */
    static final Pattern ENGINE = Pattern.compile("^import\\s+(static\\s+)?ai\\.djl\\.|\\.newManager\\(",
            Pattern.MULTILINE);

    @Test
    void noUiBundleTouchesTheEngine() throws IOException {
        Path bundles = HeadlessBundlesTest.bundlesFolder();
        List<String> checked = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(bundles)) {
            for (Path dir : dirs.sorted().toList()) {
                if (!HeadlessBundlesTest.isUiBundle(dir.getFileName().toString()) || !Files.isDirectory(dir.resolve("src"))) {
                    continue;
                }
                checked.add(dir.getFileName().toString());
                try (Stream<Path> sources = Files.walk(dir.resolve("src"))) {
                    for (Path source : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                        violations.addAll(engineUses(bundles.relativize(source).toString(), Files.readString(source)));
                    }
                }
            }
        }
        assertTrue(checked.containsAll(List.of("org.prunelab.ui", "org.prunelab.ui.sparklines", "org.prunelab.ui.cam",
                "org.prunelab.ui.robustness")),
                "checked: " + checked);
        assertEquals(List.of(), violations, "UI bundles compute instead of asking a headless provider");
    }

    @Test
    void anImportOfDjlAndAManagerAreCaught() {
        String source = """
                package org.prunelab.ui.bad;

                import ai.djl.ndarray.NDManager;
                import org.prunelab.runtime.ModelRuntime;

                class Bad {
                    void run(ModelRuntime runtime) {
                        try (var m = runtime.newManager()) {
                        }
                    }
                }
                """;
        assertEquals(List.of("Bad.java:3", "Bad.java:8"), engineUses("Bad.java", source));
        assertEquals(List.of(), engineUses("Good.java", "// the view asks ai.djl nothing\nclass Good {}\n"));
    }

    /** Where a source touches the engine, as file:line. */
    static List<String> engineUses(String name, String source) {
        List<String> found = new ArrayList<>();
        var matcher = ENGINE.matcher(source);
        while (matcher.find()) {
            found.add(name + ":" + (source.substring(0, matcher.start()).split("\n", -1).length));
        }
        return found;
    }
}
