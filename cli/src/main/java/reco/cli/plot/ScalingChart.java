package reco.cli.plot;

import java.awt.BasicStroke;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import reco.engine.bench.DeviceBenchmark.EpochTiming;
import reco.engine.bench.ScaleResults;
import reco.kernels.DeviceInfo;
import reco.kernels.Optimizer;

/**
 * Epoch time against data size from {@code reco bench}: a line per device and optimizer, the device's
 * colour, solid for Adam and dashed for SGD. Both axes are logarithmic when the sizes span a factor of
 * ten or more, so that a line's slope is how time grows with size (1 = in proportion) and the gap between
 * two lines is their ratio.
 */
public final class ScalingChart {
    static final int WIDTH = 1000;
    static final int HEIGHT = 600;

    /**
     * One line.
     *
     * @param colour  index into the palette
     * @param dashed  drawn dashed
     * @param ratings x values, ascending
     * @param seconds y values
     */
    public record Line(String name, int colour, boolean dashed, double[] ratings, double[] seconds) {
    }

    private ScalingChart() {
    }

    /** The chart of a run's epoch timings; devices keep the run's order and colours. */
    public static BufferedImage of(ScaleResults results) {
        Map<String, Line> lines = new LinkedHashMap<>();
        List<String> devices = results.devices().stream().map(DeviceInfo::spec).toList();
        for (String device : devices) {
            for (Optimizer o : Optimizer.values()) {
                List<EpochTiming> points = results.epochs().stream()
                        .filter(t -> t.device().equals(device) && t.optimizer() == o).toList();
                if (!points.isEmpty()) {
                    String name = device + " " + o.name().toLowerCase(Locale.ROOT);
                    lines.put(name, new Line(name, devices.indexOf(device), o == Optimizer.SGD,
                            points.stream().mapToDouble(EpochTiming::ratings).toArray(),
                            points.stream().mapToDouble(EpochTiming::median).toArray()));
                }
            }
        }
        return draw(new ArrayList<>(lines.values()));
    }

    public static BufferedImage draw(List<Line> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no epoch timings to draw");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Epoch time against data size")
                .xAxisTitle("ratings").yAxisTitle("seconds per epoch").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(8);
        boolean logarithmic = spread(lines, true) >= 10 && spread(lines, false) > 1;
        chart.getStyler().setXAxisLogarithmic(logarithmic);
        chart.getStyler().setYAxisLogarithmic(logarithmic);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("0.###");
        for (Line l : lines) {
            XYSeries s = chart.addSeries(l.name(), l.ratings(), l.seconds());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setLineColor(ChartStyle.colour(l.colour()));
            s.setMarkerColor(ChartStyle.colour(l.colour()));
            s.setMarker(l.dashed() ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
            s.setLineWidth(2.5f);
            if (l.dashed()) {
                s.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {8f, 6f}, 0f));
            }
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Largest over smallest x (or y) value of all lines. */
    private static double spread(List<Line> lines, boolean x) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Line l : lines) {
            for (double v : x ? l.ratings() : l.seconds()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min > 0 ? max / min : 0;
    }
}
