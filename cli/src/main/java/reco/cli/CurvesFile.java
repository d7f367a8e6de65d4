package reco.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

import reco.cli.plot.TrainingCurves;
import reco.engine.train.EpochReport;

/** Draws {@code curves.png} into a model folder just saved. */
final class CurvesFile {
    private CurvesFile() {
    }

    /**
     * Writes the curves of {@code history} into {@code dir}. A failure is reported on {@code err} and
     * not thrown: the model is saved and usable, only its picture is missing.
     */
    static void write(Path dir, List<EpochReport> history, PrintWriter err) {
        try {
            TrainingCurves.save(dir, TrainingCurves.fromReports(history));
        } catch (IOException | RuntimeException | Error e) { // Error too: AWT reports a machine without fonts as one
            err.println("reco: note: could not draw " + dir.resolve(TrainingCurves.FILE) + ": " + e);
        }
    }
}
