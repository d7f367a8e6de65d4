package reco.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.cli.report.HtmlReport;
import reco.cli.report.Report;
import reco.cli.report.ReportBuilder;
import reco.engine.model.AtomicFile;
import reco.kernels.ComputeDevice;

/** {@code reco report}: one self-contained HTML page about a trained model. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one self-contained HTML page about a trained model: the data's statistics, training "
                + "curves, test metrics, clusters with a map, sample recommendations, similar movies and a new user.",
                "The page needs no network: pictures are embedded and there is no script."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    DeviceOption device;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "report.html", description = "HTML file to write. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Mixin
    ClusterOptions clusters;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seeds k-means++. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--sample-user", paramLabel = "ID", split = ",", defaultValue = "1,42,414",
            description = "Users whose recommendations are shown. Default: ${DEFAULT-VALUE}.")
    List<Long> users;

    @Option(names = "--similar", paramLabel = "TITLE", split = ";", defaultValue = "Toy Story (1995);Matrix, The (1999);Heat (1995)",
            description = "Movies whose nearest neighbours are shown; the first two are also a new user's ratings (5 and 4 stars). "
                    + "Default: ${DEFAULT-VALUE}.")
    List<String> similar;

    @Override
    public Integer call() {
        try (ModelOptions.Opened o = models.open(); ComputeDevice dev = device.open(device.choice())) {
            ModelOptions.requireSameIds(o);
            Path dir = ModelDirs.resolve(models.model);
            ReportBuilder.Options options = new ReportBuilder.Options(clusters.config(seed), clusters.minRatings, clusters.top, users,
                    similar, ColdStart.trainingL2(o.loaded().manifest()));
            Report report = new ReportBuilder(dev, o.loaded(), o.dataset()).build(dir, options);
            byte[] html = HtmlReport.render(report).getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(out, channel -> {
                ByteBuffer b = ByteBuffer.wrap(html);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            });
            spec.commandLine().getOut().printf("Report written to %s (%s): open it in a browser%n", out, Text.bytes(html.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}
