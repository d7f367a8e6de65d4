package reco.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import picocli.CommandLine.Option;
import reco.engine.data.Dataset;
import reco.engine.data.LoadOptions;
import reco.engine.data.MovieLens;
import reco.engine.model.LoadedModel;
import reco.engine.model.ModelFiles;

/** {@code --model DIR} and the data the model was trained on (from its manifest, or {@code --data}). */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "DIR", description = "Model folder written by 'reco train'. Default: models/latest.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "MovieLens folder for titles and seen movies. Default: the one the model was trained on.")
    Path data;

    /** A model with the data set it was trained on; closes both. */
    record Opened(LoadedModel loaded, Dataset dataset) implements AutoCloseable {
        @Override
        public void close() {
            dataset.close();
            loaded.close();
        }
    }

    Opened open() {
        LoadedModel loaded = ModelFiles.load(ModelDirs.resolve(model));
        try {
            Dataset d = MovieLens.load(dataDir(loaded), LoadOptions.defaults());
            return new Opened(loaded, d);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    private Path dataDir(LoadedModel loaded) {
        if (data != null) {
            return data;
        }
        Map<String, Object> info = loaded.manifest().data();
        if (info == null || !(info.get("folder") instanceof String folder)) {
            throw new UsageException("the model's manifest does not say which data it was trained on: pass --data DIR");
        }
        return Path.of(folder);
    }

    /** Fails unless the data set's ids are exactly the model's (same data, same indices). */
    static void requireSameIds(Opened o) {
        if (!Arrays.equals(o.loaded().model().userIds().ids(), o.dataset().users().ids())
                || !Arrays.equals(o.loaded().model().itemIds().ids(), o.dataset().items().ids())) {
            throw new UsageException("the data in " + o.dataset().folder() + " is not the data this model was trained on "
                    + "(different users or movies): pass the right --data, or retrain");
        }
    }
}
