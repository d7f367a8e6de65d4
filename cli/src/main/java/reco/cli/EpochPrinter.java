package reco.cli;

import java.io.PrintWriter;

import reco.engine.train.EpochReport;
import reco.engine.train.TrainResult;
import reco.engine.train.TrainingListener;

/** One line per epoch (loss, validation RMSE, time, ETA); a live percentage within long epochs on a terminal. */
final class EpochPrinter implements TrainingListener {
    private final PrintWriter out;
    private final boolean live;
    private double elapsed;
    private int done;

    EpochPrinter(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void epochProgress(int epoch, double fraction) {
        if (live && fraction < 1) {
            out.printf("\r  epoch %d: %3.0f %%", epoch, 100 * fraction);
            out.flush();
        }
    }

    @Override
    public void epochEnded(EpochReport r, int maxEpochs) {
        elapsed += r.seconds();
        done++;
        double eta = elapsed / r.epoch() * (maxEpochs - r.epoch());
        String valid = Double.isNaN(r.validationRmse()) ? "" : String.format("  val RMSE %.4f%s", r.validationRmse(), r.improved() ? " *" : "  ");
        out.printf("%s  %s %3d/%d  loss %.4f%s  %s  ETA %s%n", live ? "\r" : "", r.refit() ? "refit" : "epoch",
                r.epoch(), maxEpochs, r.trainLoss(), valid, Text.seconds(r.seconds()), Text.seconds(eta));
        out.flush();
    }

    @Override
    public void refitStarted(int bestEpoch, long ratings) {
        out.printf("Best epoch %d; refitting on all %s training ratings for %d epochs%n", bestEpoch, Text.count(ratings), bestEpoch);
        elapsed = 0;
    }

    void finished(TrainResult r) {
        out.printf("Trained %d epochs in %s (median epoch %s); final train loss %.4f%n", r.epochsRun(),
                Text.seconds(r.trainSeconds()), Text.seconds(r.medianEpochSeconds()), r.history().getLast().trainLoss());
    }
}
