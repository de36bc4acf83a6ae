package org.prunelab.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.Recipe;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.model.NetworkModel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * The command line, run in the OSGi test runtime with the built-in metrics and strategies: the whole
 * path from a new project to a pruned version, and every bad input's message and exit code.
 */
class PruneLabCliTest {

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code = new PruneLabCli(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8)).run(Arrays.asList(args));
        out = outBytes.toString(StandardCharsets.UTF_8);
        err = errBytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    private static String subset() {
        return Path.of(System.getProperty("prunelab.test.data", "data")).resolve("fashion-mnist-subset").toAbsolutePath()
                .toString();
    }

    @Test
    void fromANewProjectToAPrunedVersion() throws IOException {
        Path project = dir.resolve("study");
        assertEquals(0, run("create", project.toString(), "--description", "tiny"), err);
        assertTrue(Files.isRegularFile(project.resolve("prunelab.json")));
        assertTrue(Files.readString(project.resolve(".project")).contains("org.prunelab.core.nature"));
        assertEquals(0, run("dataset", project.toString(), "fashion-mnist", "--location", subset(), "--json"), err);
        assertEquals(1500, JsonParser.parseString(out).getAsJsonObject().get("train").getAsInt());
        assertEquals(0, run("train", project.toString(), "--model", "tiny", "--arch", "small-vgg:4,4,8,8", "--epochs", "1",
                "--json"), err);
        JsonObject base = JsonParser.parseString(out).getAsJsonObject();
        assertEquals("base", base.get("version").getAsString());
        assertEquals(0, run("prune", project.toString(), "--model", "tiny", "--from", "base", "--metric",
                "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.uniform", "--strategy-settings",
                "{\"ratio\": 0.5}", "--fine-tune-epochs", "1", "--json"), err);
        JsonObject child = JsonParser.parseString(out).getAsJsonObject();
        assertEquals("v1", child.get("version").getAsString());
        assertEquals("base", child.get("parent").getAsString());
        assertTrue(child.get("parameters").getAsLong() < base.get("parameters").getAsLong());
        assertTrue(child.get("accuracy").getAsDouble() > 0.2, out);
        assertEquals(0, run("list", project.toString(), "--json"), err);
        JsonArray rows = JsonParser.parseString(out).getAsJsonArray();
        assertEquals(List.of("base", "v1"), List.of(rows.get(0).getAsJsonObject().get("version").getAsString(),
                rows.get(1).getAsJsonObject().get("version").getAsString()));
        assertEquals(0, run("compare", project.toString(), "--model", "tiny", "base", "v1"), err);
        assertTrue(out.contains("parameters ratio"), out);
        // Sp2PS of the pruned child against base, stored with v1 and handed out again
        assertEquals(0, run("cam-compare", project.toString(), "--model", "tiny", "base", "v1", "--samples", "100",
                "--worst", "3", "--json"), err);
        JsonObject cam = JsonParser.parseString(out).getAsJsonObject();
        assertEquals(100, cam.get("images").getAsInt());
        assertEquals("conv4", cam.get("layer").getAsString());
        double sp2ps = cam.get("sp2ps").getAsDouble();
        assertTrue(sp2ps > 0 && sp2ps < 1, out);
        JsonArray worst = cam.getAsJsonArray("worst");
        assertEquals(3, worst.size());
        assertTrue(worst.get(0).getAsJsonObject().get("H").getAsDouble() <= worst.get(2).getAsJsonObject().get("H")
                .getAsDouble(), out);
        assertFalse(cam.get("reused").getAsBoolean());
        assertTrue(cam.get("stored").getAsString().startsWith("models/tiny/v1/analyses/org.prunelab.analyses.camComparison/"));
        assertEquals(0, run("cam-compare", project.toString(), "--model", "tiny", "base", "v1", "--samples", "100",
                "--json"), err);
        assertTrue(JsonParser.parseString(out).getAsJsonObject().get("reused").getAsBoolean());
        assertEquals(sp2ps, JsonParser.parseString(out).getAsJsonObject().get("sp2ps").getAsDouble());
        assertEquals(3, run("cam-compare", project.toString(), "--model", "tiny", "base", "v1", "--layer", "bn1"));
        assertTrue(err.contains("layer 'bn1' of network small-vgg:4,4,8,8 is a batchnorm2d, not a convolution"), err);
        assertEquals(0, run("analyse", project.toString(), "--model", "tiny", "--analysis",
                "org.prunelab.examples.analysis.confidence", "v1", "--json"), err);
        assertEquals(500, JsonParser.parseString(out).getAsJsonObject().getAsJsonObject("result").get("images").getAsInt());
        assertEquals(0, run("analyses", "--json"), err);
        assertTrue(out.contains("\"org.prunelab.analyses.camComparison\""), out);
        // the geometry of the last feature layer and the accuracy under corruptions, stored with v1
        assertEquals(0, run("geometry", project.toString(), "--model", "tiny", "v1", "--samples", "50", "--json"), err);
        JsonObject geometry = JsonParser.parseString(out).getAsJsonObject();
        assertEquals(50, geometry.get("images").getAsInt());
        assertEquals("fc", geometry.get("classifier").getAsString());
        assertEquals(10, geometry.getAsJsonObject("perClass").size());
        assertEquals(0, run("robustness", project.toString(), "--model", "tiny", "v1", "--corruptions",
                "brightness,contrast", "--severities", "1,5", "--samples", "100", "--json"), err);
        JsonObject robustness = JsonParser.parseString(out).getAsJsonObject();
        assertEquals(100, robustness.get("images").getAsInt());
        assertEquals(List.of("brightness", "contrast"), List.copyOf(robustness.getAsJsonObject("accuracy").keySet()));
        assertEquals(2, robustness.getAsJsonObject("accuracy").getAsJsonObject("contrast").size());
        assertEquals(3, run("robustness", project.toString(), "--model", "tiny", "v1", "--corruptions", "fog"));
        assertTrue(err.contains("unknown corruption 'fog'; the installed ones are gaussianNoise"), err);
        assertEquals(3, run("robustness", project.toString(), "--model", "tiny", "v1", "--severities", "0"));
        assertTrue(err.contains("severity 0 is outside 1–5"), err);
        // an accuracy goal needs the layers' sensitivity, measured and stored with the version
        assertEquals(3, run("prune", project.toString(), "--model", "tiny", "--from", "base", "--metric",
                "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.targetAccuracy"));
        assertTrue(err.contains("a target accuracy needs the layers' sensitivity"), err);
        assertEquals(0, run("sensitivity", project.toString(), "--model", "tiny", "--version", "base", "--metric",
                "org.prunelab.metrics.weightL1", "--json"), err);
        JsonObject measured = JsonParser.parseString(out).getAsJsonObject();
        JsonObject curves = measured;
        assertEquals(List.of("conv1", "conv2", "conv3", "conv4"), List.copyOf(curves.getAsJsonObject("accuracy")
                .keySet()), "in the network's order");
        assertEquals(4, curves.getAsJsonObject("accuracy").size());
        assertEquals(9, curves.getAsJsonObject("accuracy").getAsJsonArray("conv1").size());
        assertEquals("org.prunelab.metrics.weightL1", curves.get("metric").getAsString());
        assertFalse(measured.get("reused").getAsBoolean());
        assertTrue(Files.isRegularFile(project.resolve(measured.get("stored").getAsString())),
                "stored with the version as an analysis");
        assertTrue(measured.get("stored").getAsString().startsWith("models/tiny/base/analyses/"),
                measured.get("stored").getAsString());
        // a plan of shares, predicted from the stored curves: the sum of each layer's loss
        assertEquals(0, run("plan", project.toString(), "--model", "tiny", "--version", "base", "--shares",
                "conv1=0.5,conv3=0.2", "--json"), err);
        JsonObject plan = JsonParser.parseString(out).getAsJsonObject();
        double unpruned = curves.get("baseAccuracy").getAsDouble();
        // each loss at least 0: a layer whose pruning helps does not make up for another's
        double expected = unpruned
                - Math.max(0, unpruned - curves.getAsJsonObject("accuracy").getAsJsonArray("conv1").get(4).getAsDouble())
                - Math.max(0, unpruned - curves.getAsJsonObject("accuracy").getAsJsonArray("conv3").get(1).getAsDouble());
        assertEquals(Math.max(0, expected), plan.get("predictedAccuracy").getAsDouble(), 1e-9);
        assertEquals("org.prunelab.metrics.weightL1", plan.get("sensitivity").getAsString());
        assertEquals(3, run("plan", project.toString(), "--model", "tiny", "--version", "base", "--shares",
                "conv2=0.99"));
        assertTrue(err.contains("would leave it no channel"), err);
        assertEquals(2, run("plan", project.toString(), "--model", "tiny", "--version", "base", "--shares", "conv2"));
        assertTrue(err.contains("--shares takes LAYER=SHARE pairs"), err);
        // curves of another metric are not the ones pruning by L1 plans with
        assertEquals(3, run("prune", project.toString(), "--model", "tiny", "--from", "base", "--metric",
                "org.prunelab.metrics.fpgm", "--strategy", "org.prunelab.strategies.targetAccuracy"));
        assertTrue(err.contains("sensitivity for the chosen metric"), err);
        assertEquals(0, run("prune", project.toString(), "--model", "tiny", "--from", "base", "--metric",
                "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.targetAccuracy",
                "--strategy-settings", "{\"maxDrop\": 0.05}", "--json"), err);
        assertEquals("v2", JsonParser.parseString(out).getAsJsonObject().get("version").getAsString());
        // iterative: half the channels in two steps of 1 − √0.5 ≈ 29 % each, each step fine-tuned
        assertEquals(0, run("prune", project.toString(), "--model", "tiny", "--from", "base", "--metric",
                "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.uniform", "--strategy-settings",
                "{\"ratio\": 0.5}", "--steps", "2", "--fine-tune-epochs", "1", "--json"), err);
        JsonArray iterative = JsonParser.parseString(out).getAsJsonArray();
        assertEquals(2, iterative.size());
        assertEquals("v3", iterative.get(1).getAsJsonObject().get("parent").getAsString());
        String step = Files.readString(project.resolve("models/tiny/v4/recipe.json"));
        assertTrue(step.contains("\"ratio\": 0.2928932188134524"), step);
        String recipe = Files.readString(project.resolve("models/tiny/v1/recipe.json"));
        assertTrue(recipe.contains("\"metric\": \"org.prunelab.metrics.weightL1\"") && recipe.contains("\"ratio\": 0.5"),
                recipe);
    }

    @Test
    void importsAPyTorchFileAndEvaluatesIt() {
        Path project = dir.resolve("imported");
        assertEquals(0, run("create", project.toString()));
        assertEquals(0, run("dataset", project.toString(), "fashion-mnist", "--location", subset()));
        Path torch = Path.of(System.getProperty("prunelab.test.data", "data")).resolve("torch/small-vgg-state-dict.pt");
        assertEquals(0, run("import", project.toString(), "--model", "torch", "--arch", "small-vgg:4,4,8,8", "--from",
                torch.toString(), "--json"), err);
        JsonObject base = JsonParser.parseString(out).getAsJsonObject();
        assertEquals("imported", base.get("kind").getAsString());
        assertEquals(0, run("evaluate", project.toString(), "--model", "torch", "--version", "base", "--json"), err);
        JsonObject evaluation = JsonParser.parseString(out).getAsJsonObject();
        assertEquals(base.get("accuracy").getAsDouble(), evaluation.get("accuracy").getAsDouble(), 1e-9);
        assertEquals(10, evaluation.getAsJsonArray("perClassAccuracy").size());
        // the same file on an architecture of other widths is refused naming the tensor
        assertEquals(3, run("import", project.toString(), "--model", "wide", "--arch", "small-vgg:8,8,8,8", "--from",
                torch.toString()));
        assertTrue(err.contains("tensor '0.weight' has shape [4, 1, 3, 3], layer 'conv1' needs (8, 1, 3, 3)"), err);
    }

    @Test
    void importsAnOnnxModelWithoutAnArchitectureAndPrunesIt() {
        Path project = dir.resolve("onnx");
        assertEquals(0, run("create", project.toString()));
        assertEquals(0, run("dataset", project.toString(), "fashion-mnist", "--location", subset()));
        Path torch = Path.of(System.getProperty("prunelab.test.data", "data")).resolve("torch");
        // made by PyTorch's exporter (data/torch/make-pytorch-models.py)
        assertEquals(0, run("import", project.toString(), "--model", "resnet", "--from",
                torch.resolve("resnet14.onnx").toString(), "--json"), err);
        assertEquals("imported", JsonParser.parseString(out).getAsJsonObject().get("kind").getAsString());
        assertEquals(0, run("prune", project.toString(), "--model", "resnet", "--from", "base", "--metric",
                "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.uniform", "--strategy-settings",
                "{\"ratio\": 0.5}", "--json"), err);
        // and out again, pruned, as ONNX that reads back as the pruned network
        Path exported = dir.resolve("pruned.onnx");
        assertEquals(0, run("export", project.toString(), "--model", "resnet", "--version", "v1", "--format", "onnx",
                "--to", exported.toString(), "--json"), err);
        assertEquals(0, run("import", project.toString(), "--model", "round", "--from", exported.toString(), "--json"),
                err);
        assertEquals(2, run("export", project.toString(), "--model", "resnet", "--version", "v1", "--format", "tflite",
                "--to", dir.resolve("x").toString()));
        assertTrue(err.contains("unknown --format 'tflite'"), err);
        assertEquals(2, run("import", project.toString(), "--model", "again", "--arch", "resnet:14", "--from",
                torch.resolve("resnet14.onnx").toString()));
        assertTrue(err.contains("leave out --arch"), err);
        // a concatenation and a depthwise-separable block import and prune like the rest
        assertEquals(0, run("import", project.toString(), "--model", "dw", "--from",
                torch.resolve("concat-dw.onnx").toString(), "--json"), err);
        assertEquals(0, run("prune", project.toString(), "--model", "dw", "--from", "base", "--metric",
                "org.prunelab.metrics.fpgm", "--strategy", "org.prunelab.strategies.uniform", "--strategy-settings",
                "{\"ratio\": 0.5}", "--json"), err);
        // its state_dict against the architecture of its ONNX file, exported keeping the batch norms
        assertEquals(0, run("import", project.toString(), "--model", "dw-weights", "--arch",
                torch.resolve("concat-dw-with-bn.onnx").toString(), "--from",
                torch.resolve("concat-dw-state-dict.pt").toString(), "--json"), err);
        assertEquals(3, run("import", project.toString(), "--model", "folded", "--arch",
                torch.resolve("concat-dw.onnx").toString(), "--from", torch.resolve("concat-dw-state-dict.pt").toString()));
        assertTrue(err.contains("concat-dw-state-dict.pt") && err.contains("TrainingMode.PRESERVE"), err);
    }

    @Test
    void anOnnxOperatorPruneLabLacksExitsWith3NamingTheNode() throws IOException {
        Path project = dir.resolve("onnx");
        assertEquals(0, run("create", project.toString()));
        assertEquals(0, run("dataset", project.toString(), "fashion-mnist", "--location", subset()));
        Path torch = Path.of(System.getProperty("prunelab.test.data", "data")).resolve("torch");
        // the concatenation made an Expand, an operator of the same name length that the IR has no layer for
        String text = new String(Files.readAllBytes(torch.resolve("concat-dw.onnx")), StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("expand.onnx");
        Files.write(file, text.replace("Concat", "Expand").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(3, run("import", project.toString(), "--model", "x", "--from", file.toString()));
        assertTrue(err.contains("expand.onnx") && err.contains("is an Expand"), err);
    }

    @Test
    void badCommandLinesExitWith2AndSayWhy() {
        assertEquals(2, run());
        assertTrue(err.startsWith("usage: prunelab cli"), err);
        assertEquals(2, run("frobnicate"));
        assertTrue(err.startsWith("prunelab cli: unknown command 'frobnicate'"), err);
        assertEquals(0, run("create", dir.resolve("p").toString()));
        assertEquals(2, run("train", dir.resolve("p").toString(), "--model", "m", "--arch", "small-vgg"));
        assertTrue(err.startsWith("prunelab cli: the project has no dataset yet"), err);
        assertEquals(2, run("list", dir.resolve("p").toString(), "--colour", "red"));
        assertTrue(err.startsWith("prunelab cli: unknown option --colour"), err);
        assertEquals(2, run("prune", dir.resolve("p").toString(), "--model", "m"));
        assertTrue(err.startsWith("prunelab cli: missing --from"), err);
    }

    @Test
    void badInputsExitWith3NamingTheProblem() throws IOException {
        assertEquals(3, run("list", dir.resolve("nowhere").toString()));
        assertTrue(err.contains("is not a PruneLab project"), err);
        Path project = dir.resolve("p");
        assertEquals(0, run("create", project.toString()));
        assertEquals(3, run("create", project.toString()));
        assertTrue(err.contains("a PruneLab project exists there already"), err);
        assertEquals(3, run("dataset", project.toString(), "fashion-mnist", "--location", dir.resolve("none").toString()));
        assertTrue(err.contains(dir.resolve("none") + ": is missing, which a fashion-mnist dataset needs"), err);
        assertEquals(0, run("dataset", project.toString(), "fashion-mnist", "--location", subset()));
        assertEquals(0, run("train", project.toString(), "--model", "m", "--arch", "small-vgg:4,4,8,8", "--epochs", "1"));
        assertEquals(3, run("prune", project.toString(), "--model", "m", "--from", "base", "--metric", "entropy",
                "--strategy", "org.prunelab.strategies.uniform"));
        assertTrue(err.contains("no metric 'entropy' is installed"), err);
        assertEquals(3, run("prune", project.toString(), "--model", "m", "--from", "v7", "--metric",
                "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.uniform"));
        assertTrue(err.contains("model m has no version 'v7'"), err);
        // a plan that would empty a layer is refused, and nothing is written
        assertEquals(3, run("prune", project.toString(), "--model", "m", "--from", "base", "--metric",
                "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.keepSelection",
                "--strategy-settings", "{\"kept\": {\"conv1\": []}}"));
        assertTrue(err.contains("keeps 0 channels of 'conv1'"), err);
        assertTrue(Files.notExists(project.resolve("models/m/v1")));
        // a truncated weights file is named
        Path weights = project.resolve("models/m/base/weights.bin");
        Files.write(weights, Arrays.copyOf(Files.readAllBytes(weights), 100));
        assertEquals(3, run("prune", project.toString(), "--model", "m", "--from", "base", "--metric",
                "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.uniform"));
        assertTrue(err.contains(weights + ": the file is truncated"), err);
        assertEquals(2, run("prune", project.toString(), "--model", "m", "--from", "base", "--metric",
                "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.uniform", "--metric-settings", "{"));
    }

    @Test
    void argumentsAndSettingsAreCheckedBeforeAnyWork() throws IOException {
        Path project = trainedProject();
        String descriptor = Files.readString(project.resolve("prunelab.json"));
        // a taken model id is refused before training, and the project is left as it was
        long start = System.nanoTime();
        assertEquals(2, run("train", project.toString(), "--model", "m", "--arch", "small-vgg:4,4,8,8"));
        assertTrue(err.startsWith("prunelab cli: the project has a model 'm' already"), err);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused only after training");
        assertEquals(descriptor, Files.readString(project.resolve("prunelab.json")));
        assertEquals(2, run("train", project.toString(), "--model", "n", "--arch", "small-vgg:4,4,8,8", "--epochs", "0"));
        assertTrue(err.startsWith("prunelab cli: --epochs is from 1 to 10000, not 0"), err);
        assertEquals(2, run("train", project.toString(), "--model", "n", "--arch", "small-vgg:4,4,8,8", "--lr", "NaN"));
        assertTrue(err.startsWith("prunelab cli: --lr is a number above 0.0 and at most 10.0, not NaN"), err);
        String[] prune = {"prune", project.toString(), "--model", "m", "--from", "base", "--metric",
            "org.prunelab.metrics.weightL1", "--strategy"};
        assertEquals(2, run(concat(prune, "org.prunelab.strategies.uniform", "--steps", "0")));
        assertTrue(err.startsWith("prunelab cli: --steps is from 1 to 100, not 0"), err);
        assertEquals(2, run(concat(prune, "org.prunelab.strategies.uniform", "--steps", "two")));
        assertTrue(err.startsWith("prunelab cli: --steps takes a whole number, not 'two'"), err);
        assertEquals(2, run(concat(prune, "org.prunelab.strategies.uniform", "--bn-images", "-1")));
        assertTrue(err.startsWith("prunelab cli: --bn-images is at least 0, not -1"), err);
        assertEquals(2, run(concat(prune, "org.prunelab.strategies.uniform", "--bn-images", "all")));
        assertTrue(err.startsWith("prunelab cli: --bn-images takes a whole number, not 'all'"), err);
        // a minimum above a layer's width would keep it whole without saying so
        assertEquals(3, run(concat(prune, "org.prunelab.strategies.uniform", "--min-channels", "6")));
        assertTrue(err.contains("the fewest channels a layer keeps (6) is more than group 'conv1' has (4)"), err);
        // a setting of another strategy would silently plan with the default
        assertEquals(3, run(concat(prune, "org.prunelab.strategies.targetParameters", "--strategy-settings",
                "{\"ratio\": 0.4}")));
        assertTrue(err.contains("settings of strategy org.prunelab.strategies.targetParameters have no 'ratio'; its "
                + "settings are"), err);
        assertEquals(3, run(concat(prune, "org.prunelab.strategies.uniform", "--strategy-settings", "[0.5]")));
        assertTrue(err.contains("are a JSON object such as"), err);
        assertEquals(3, run(concat(prune, "org.prunelab.strategies.keepSelection", "--strategy-settings",
                "{\"kept\": {\"conv1\": [0, 7]}}")));
        assertTrue(err.contains("the selection of 'conv1' names channel 7; its channels are 0 to 3"), err);
        assertEquals(3, run(concat(prune, "org.prunelab.strategies.keepSelection", "--strategy-settings",
                "{\"kept\": {\"conv1\": [0, 1.5]}}")));
        assertTrue(err.contains("settings of strategy org.prunelab.strategies.keepSelection: 'kept.conv1[1]' cannot be "
                + "1.5 (it would be read as 1); it takes a whole number"), err);
        assertEquals(3, run(concat(prune, "org.prunelab.strategies.keepSelection", "--strategy-settings",
                "{\"kept\": {\"conv1\": [1, 1]}}")));
        assertTrue(err.contains("names channel 1 twice"), err);
        try (var left = Files.list(project.resolve("models/m"))) {
            assertEquals(List.of("base"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void pruningReestimatesTheBatchNormsUnlessToldNotToAndTheRecipeSaysOnHowManyImages() throws IOException {
        Path project = trainedProject();
        String[] prune = {"prune", project.toString(), "--model", "m", "--from", "base", "--metric",
            "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.uniform", "--json"};
        // by default on 4000 training images: the subset's 1500 are all there are
        assertEquals(0, run(prune), err);
        assertEquals(1500, JsonParser.parseString(out).getAsJsonObject().get("batchNormImages").getAsInt(), out);
        assertEquals(0, run(concat(prune, "--bn-images", "300")), err);
        assertEquals(300, JsonParser.parseString(out).getAsJsonObject().get("batchNormImages").getAsInt(), out);
        assertEquals(0, run(concat(prune, "--bn-images", "0")), err);
        assertEquals(0, JsonParser.parseString(out).getAsJsonObject().get("batchNormImages").getAsInt(), out);
        assertTrue(Files.readString(project.resolve("models/m/v2/recipe.json")).contains("\"batchNormImages\": 300"));
        assertTrue(Files.readString(project.resolve("models/m/v3/recipe.json")).contains("\"batchNormImages\": 0"));
        assertEquals(0, run("list", project.toString(), "--json"), err);
        assertEquals(0, JsonParser.parseString(out).getAsJsonArray().get(0).getAsJsonObject().get("batchNormImages")
                .getAsInt(), "a trained root was not re-estimated");
    }

    @Test
    void theCeilingOnALayersShareAndTheDistillationAreOptionsOfPruneAndFineTune() throws IOException {
        Path project = trainedProject();
        String[] prune = {"prune", project.toString(), "--model", "m", "--from", "base", "--metric",
            "org.prunelab.metrics.weightL1", "--strategy", "org.prunelab.strategies.uniform", "--strategy-settings",
            "{\"ratio\": 0.9}", "--json"};
        // conv1 and conv2 have 4 channels, conv3 and conv4 8: 90 % would leave 0 and 1; the default ceiling of
        // 80 % leaves 1 and 2, a ceiling of 50 % leaves 2 and 4
        assertEquals(0, run(prune), err);
        assertEquals(List.of(1, 1, 2, 2), kept(project, "v1"));
        assertEquals(0, run(concat(prune, "--max-layer-share", "0.5")), err);
        assertEquals(List.of(2, 2, 4, 4), kept(project, "v2"));
        assertEquals(2, run(concat(prune, "--max-layer-share", "0")));
        assertTrue(err.startsWith("prunelab cli: --max-layer-share is a number above 0.0 and at most 1.0, not 0"), err);
        // fine-tuning that distils the unpruned parent, recorded with the schedule
        assertEquals(0, run(concat(prune, "--fine-tune-epochs", "1", "--distill-weight", "0.5",
                "--distill-temperature", "3")), err);
        String recipe = Files.readString(project.resolve("models/m/v3/recipe.json"));
        assertTrue(recipe.contains("\"distillWeight\": 0.5") && recipe.contains("\"distillTemperature\": 3.0"), recipe);
        assertEquals(2, run(concat(prune, "--fine-tune-epochs", "1", "--distill-weight", "-0.5")));
        assertTrue(err.startsWith("prunelab cli: --distill-weight is a share in [0, 1], not -0.5"), err);
        // a root was made from no version: there is nothing to distil
        assertEquals(3, run("fine-tune", project.toString(), "--model", "m", "--from", "base", "--distill-weight",
                "0.5"));
        assertTrue(err.contains("distillation learns from the version m/base was made from, and it has none"), err);
        assertEquals(0, run("fine-tune", project.toString(), "--model", "m", "--from", "v3", "--distill-weight",
                "1", "--json"), err);
    }

    /** The channels a pruned version's recipe says each layer kept, conv1 to conv4. */
    private static List<Integer> kept(Path project, String version) throws IOException {
        JsonObject kept = JsonParser.parseString(Files.readString(project.resolve("models/m").resolve(version)
                .resolve("recipe.json"))).getAsJsonObject().getAsJsonObject("kept");
        return List.of("conv1", "conv2", "conv3", "conv4").stream().map(l -> kept.get(l).getAsInt()).toList();
    }

    @Test
    void aDamagedVersionHidesNothingAndOutputNeverBreaks() throws IOException {
        Path project = trainedProject();
        Path models = project.resolve("models/m");
        Files.createDirectories(models.resolve("v1"));
        Files.createDirectories(models.resolve("v2"));
        Files.writeString(models.resolve("v2/recipe.json"), "{\"kind\": \"pruned\", \"parent\": \"base\"}");
        // a version whose figures are not numbers (a fine-tune that diverged) is listed with null and a reason
        Path diverged = Files.createDirectories(models.resolve("v3"));
        for (String file : List.of("network.json", "weights.bin", "recipe.json")) {
            Files.copy(models.resolve("base").resolve(file), diverged.resolve(file));
        }
        Files.writeString(diverged.resolve("evaluation.json"), Files.readString(models.resolve("base/evaluation.json"))
                .replaceFirst("\"accuracy\": [0-9.eE-]+", "\"accuracy\": NaN"));

        assertEquals(0, run("list", project.toString(), "--json"), err);
        JsonArray rows = JsonParser.parseString(out).getAsJsonArray();
        assertEquals(4, rows.size(), out);
        assertEquals("base", rows.get(0).getAsJsonObject().get("version").getAsString());
        JsonObject nan = rows.get(1).getAsJsonObject();
        assertEquals("v3", nan.get("version").getAsString());
        assertTrue(nan.get("accuracy").isJsonNull(), out);
        assertTrue(nan.get("accuracyReason").getAsString().startsWith("NaN: not a finite number"), out);
        assertEquals(models.resolve("v1/recipe.json") + ": empty version folder",
                rows.get(2).getAsJsonObject().get("damaged").getAsString());
        assertEquals(models.resolve("v2/evaluation.json") + ": incomplete version, evaluation.json is missing",
                rows.get(3).getAsJsonObject().get("damaged").getAsString());
        assertEquals(0, run("list", project.toString()), err);
        assertTrue(out.contains("version=v1  damaged=" + models.resolve("v1/recipe.json")), out);
        // only what needs the damaged version fails
        assertEquals(3, run("evaluate", project.toString(), "--model", "m", "--version", "v2"));
        assertTrue(err.contains(models.resolve("v2/evaluation.json") + ": incomplete version"), err);
        assertEquals(0, run("evaluate", project.toString(), "--model", "m", "--version", "base"), err);
        assertTrue(out.contains("perClassAccuracy=[0.") && !out.contains("[D@") && !out.contains("[I@"), out);
    }

    @Test
    void imageFolderTestClassesMustMatchTheTrainingOnes() throws IOException {
        Path images = dir.resolve("images");
        for (String split : List.of("train", "test")) {
            for (String type : List.of("cats", "dogs", "owls")) {
                if (!(split.equals("test") && type.equals("dogs"))) {
                    BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
                    image.setRGB(1, 1, type.hashCode());
                    Files.createDirectories(images.resolve(split).resolve(type));
                    ImageIO.write(image, "png", images.resolve(split).resolve(type).resolve("a.png").toFile());
                }
            }
        }
        Path project = dir.resolve("p");
        assertEquals(0, run("create", project.toString()));
        // without the check, the test's owls would be numbered 1 (dogs) and a perfect model scored 50 %
        assertEquals(3, run("dataset", project.toString(), "image-folders", "--location", images.toString()));
        assertTrue(err.contains(images.resolve("test").toString()) && err.contains("dogs"), err);
        assertEquals(null, ProjectFolder.open(project).descriptor().dataset(), "the refused dataset was set");
        Files.createDirectories(images.resolve("test/dogs"));
        Files.copy(images.resolve("train/dogs/a.png"), images.resolve("test/dogs/a.png"));
        assertEquals(0, run("dataset", project.toString(), "image-folders", "--location", images.toString(), "--json"),
                err);
        assertEquals(List.of("cats", "dogs", "owls"), JsonParser.parseString(out).getAsJsonObject().getAsJsonArray("classes")
                .asList().stream().map(c -> c.getAsString()).toList());
    }

    @Test
    void aDivergingFineTuneStopsAndStoresNothing() throws Exception {
        Path project = trainedProject();
        // weights of 1e38 are finite, so they load; the activations they make overflow float32
        VersionStore store = new VersionStore(project);
        ServiceTracker<ModelRuntime, ModelRuntime> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(VersionStore.class).getBundleContext(), ModelRuntime.class, null);
        tracker.open();
        try (NDManager manager = tracker.waitForService(30_000).newManager();
                NetworkModel model = store.load(store.version("m", "base"), manager)) {
            model.parameter("conv1.weight").muli(1e38f);
            ModelVersion base = store.version("m", "base");
            store.write("m", "huge", model, new Recipe("pruned", "base", null, null, null, null, null, 1, null, null, 1,
                    Instant.now()), base.evaluation());
        }
        assertEquals(1, run("fine-tune", project.toString(), "--model", "m", "--from", "huge"));
        assertTrue(err.contains("prunelab cli: training diverged in epoch 1, batch 1: the loss is NaN")
                && err.contains("lower learning rate"), err);
        assertFalse(err.contains("\tat "), err);
        assertEquals(1, run("evaluate", project.toString(), "--model", "m", "--version", "huge"));
        assertTrue(err.contains("prunelab cli: network ") && err.contains(" gives NaN or infinite logits on "), err);
        assertFalse(err.contains("\tat "), err);
        try (var left = Files.list(project.resolve("models/m"))) {
            assertEquals(List.of("base", "huge"), left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    /** A project on the Fashion-MNIST subset with model m trained for one epoch. */
    private Path trainedProject() {
        Path project = dir.resolve("p");
        assertEquals(0, run("create", project.toString()));
        assertEquals(0, run("dataset", project.toString(), "fashion-mnist", "--location", subset()));
        assertEquals(0, run("train", project.toString(), "--model", "m", "--arch", "small-vgg:4,4,8,8", "--epochs", "1"),
                err);
        return project;
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
