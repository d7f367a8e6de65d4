package reco.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import reco.engine.model.EpochStats;
import reco.engine.train.EpochReport;

/**
 * Train and validation RMSE per epoch. The training loss is the epoch's mean squared error, drawn as
 * its square root so that it shares the validation RMSE's axis and unit (stars): the gap between the
 * two lines is the over-fit. Refit epochs (the final run on train + validation) are a dashed grey line;
 * the best validation epoch is marked.
 */
public final class TrainingCurves {
    /** The file saved beside every trained model. */
    public static final String FILE = "curves.png";
    static final int WIDTH = 1000;
    static final int HEIGHT = 560;

    /**
     * One epoch.
     *
     * @param epoch          1-based within its phase
     * @param refit          whether it belongs to the refit on training + validation ratings
     * @param trainLoss      mean squared error over the epoch's training ratings
     * @param validationRmse NaN without validation
     */
    public record Epoch(int epoch, boolean refit, double trainLoss, double validationRmse) {
    }

    private TrainingCurves() {
    }

    public static List<Epoch> fromReports(List<EpochReport> reports) {
        return reports.stream().map(r -> new Epoch(r.epoch(), r.refit(), r.trainLoss(), r.validationRmse())).toList();
    }

    /**
     * From a manifest's history, which does not store the phase: the refit starts where the epoch
     * number stops rising (it restarts at 1), as {@code Trainer} numbers epochs within each phase.
     */
    public static List<Epoch> fromManifest(List<EpochStats> history) {
        List<Epoch> out = new ArrayList<>(history.size());
        boolean refit = false;
        int last = 0;
        for (EpochStats e : history) {
            refit |= e.epoch() <= last;
            last = e.epoch();
            double rmse = e.validationRmse() == null ? Double.NaN : e.validationRmse();
            out.add(new Epoch(e.epoch(), refit, e.trainLoss(), rmse));
        }
        return out;
    }

    /** The search epoch with the lowest validation RMSE (the first of equals), or -1 without validation. */
    static int bestIndex(List<Epoch> epochs) {
        int best = -1;
        for (int j = 0; j < epochs.size(); j++) {
            Epoch e = epochs.get(j);
            if (!e.refit() && !Double.isNaN(e.validationRmse())
                    && (best < 0 || e.validationRmse() < epochs.get(best).validationRmse())) {
                best = j;
            }
        }
        return best;
    }

    /** Writes {@link #FILE} into the model folder {@code dir}. */
    public static void save(Path dir, List<Epoch> epochs) throws IOException {
        Png.write(dir.resolve(FILE), draw(epochs));
    }

    public static BufferedImage draw(List<Epoch> epochs) {
        return draw(epochs, WIDTH, HEIGHT);
    }

    /** The curves in a {@code width} × {@code height} picture. */
    public static BufferedImage draw(List<Epoch> epochs, int width, int height) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("no epochs to draw");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Training curves")
                .xAxisTitle("epoch").yAxisTitle("RMSE (stars)").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setMarkerSize(6);
        boolean refits = epochs.stream().anyMatch(Epoch::refit);
        line(chart, refits ? "train RMSE (√ loss), search" : "train RMSE (√ loss)", epochs, false, false,
                ChartStyle.colour(0), SeriesMarkers.CIRCLE, null);
        line(chart, "validation RMSE", epochs, false, true, ChartStyle.colour(1), SeriesMarkers.DIAMOND, null);
        if (refits) {
            line(chart, "train RMSE (√ loss), refit on train + validation", epochs, true, false, ChartStyle.MUTED,
                    SeriesMarkers.NONE, new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                            new float[] {8f, 6f}, 0f));
        }
        int best = bestIndex(epochs);
        if (best >= 0) {
            Epoch e = epochs.get(best);
            XYSeries mark = chart.addSeries(String.format(Locale.ROOT, "best epoch %d: validation RMSE %.4f",
                    e.epoch(), e.validationRmse()), new double[] {e.epoch()}, new double[] {e.validationRmse()});
            mark.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            mark.setMarker(SeriesMarkers.CIRCLE);
            mark.setMarkerColor(ChartStyle.colour(2));
            chart.getStyler().setAnnotationLineColor(ChartStyle.colour(2));
            chart.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 10f, new float[] {4f, 4f}, 0f));
            chart.addAnnotation(new AnnotationLine(e.epoch(), true, false));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    private static void line(XYChart chart, String name, List<Epoch> epochs, boolean refit, boolean validation,
                             Color colour, org.knowm.xchart.style.markers.Marker marker, BasicStroke stroke) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Epoch e : epochs) {
            double y = validation ? e.validationRmse() : Math.sqrt(e.trainLoss());
            if (e.refit() == refit && Double.isFinite(y)) {
                xs.add((double) e.epoch());
                ys.add(y);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setMarker(xs.size() > 60 ? SeriesMarkers.NONE : marker);
        s.setLineWidth(2.5f);
        if (stroke != null) {
            s.setLineStyle(stroke);
        }
    }
}
