package reco.cli.plot;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

/** How many ratings of each value: one bar per value that occurs, its count printed above it. */
public final class RatingHistogram {
    static final int WIDTH = 1000;
    static final int HEIGHT = 520;

    private RatingHistogram() {
    }

    /** @param histogram rating value → count, ascending; {@code name} says whose ratings */
    public static BufferedImage draw(SortedMap<Float, Long> histogram, String name) {
        return draw(histogram, name, WIDTH, HEIGHT);
    }

    /** The histogram in a {@code width} × {@code height} picture. */
    public static BufferedImage draw(SortedMap<Float, Long> histogram, String name, int width, int height) {
        if (histogram.isEmpty()) {
            throw new IllegalArgumentException("no ratings to draw");
        }
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height)
                .title(String.format(Locale.ROOT, "Ratings in %s (%,d)", name, total))
                .xAxisTitle("rating (stars)").yAxisTitle("ratings").build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(ChartStyle.font(Font.BOLD, width < WIDTH ? 11 : 12));
        chart.getStyler().setLabelsFontColor(java.awt.Color.WHITE);
        chart.getStyler().setLabelsPosition(0.97);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setAvailableSpaceFill(0.82);
        chart.getStyler().setXAxisTickMarkSpacingHint(30); // every value labelled, even in a narrow picture
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisMin(0.0);
        List<String> values = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Map.Entry<Float, Long> e : histogram.entrySet()) {
            float v = e.getKey();
            values.add(v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v));
            counts.add(e.getValue());
        }
        CategorySeries s = chart.addSeries("ratings", values, counts);
        s.setFillColor(ChartStyle.colour(0));
        return BitmapEncoder.getBufferedImage(chart);
    }
}
