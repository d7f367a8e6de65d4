package reco.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.engine.cluster.ItemClustering;
import reco.kernels.ComputeDevice;

/** {@code reco clusters}: k-means of a trained model's movie vectors. */
@Command(name = "clusters", mixinStandardHelpOptions = true,
        description = "Group a trained model's movies by k-means of their vectors; show each group's size, top titles and genres.")
final class ClustersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Mixin
    DeviceOption device;

    @Mixin
    ClusterOptions clusters;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seeds k-means++. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
        try (ModelOptions.Opened o = models.open(); ComputeDevice dev = device.open(device.choice())) {
            ModelOptions.requireSameIds(o);
            ItemClustering c = ItemClustering.of(dev, o.loaded().model(), o.dataset().ratings(), clusters.minRatings,
                    clusters.config(seed));
            Results.clusters(spec.commandLine().getOut(), c, o.dataset(), clusters.top);
        }
        return 0;
    }
}
