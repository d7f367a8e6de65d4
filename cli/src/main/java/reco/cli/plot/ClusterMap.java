package reco.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import reco.engine.cluster.ClusterReport;
import reco.engine.cluster.DistinctiveGenres;
import reco.engine.cluster.ItemClustering;
import reco.engine.cluster.Pca;
import reco.engine.data.Catalog;
import reco.engine.data.IdIndex;
import reco.engine.data.Movie;
import reco.engine.model.MfModel;

/**
 * The clustered movies drawn in 2-D: each movie's vector projected on the first two principal
 * components of all clustered vectors, coloured by its k-means cluster, the most-rated titles labelled
 * where they fit ({@link LabelPlacer}). The projection flattens k dimensions to two, so clusters that
 * are apart in k-D can overlap here; the axis titles say how much variance the picture keeps.
 */
public final class ClusterMap {
    static final int WIDTH = 1280;
    static final int HEIGHT = 860;
    /** Most-rated movies offered a label (those that do not fit are skipped). */
    public static final int LABELS = 30;
    private static final int DOT = 4;

    /**
     * What to draw.
     *
     * @param xy       n × 2 coordinates, row-major
     * @param cluster  the cluster of each point
     * @param legend   one entry per cluster, in legend order
     * @param labels   labels in priority order
     * @param xTitle   title of the horizontal axis
     * @param yTitle   title of the vertical axis
     */
    public record Input(double[] xy, int[] cluster, List<Legend> legend, List<Label> labels, String xTitle, String yTitle) {
    }

    /** @param cluster the cluster number the points carry; {@code name} is shown in the legend */
    public record Legend(int cluster, String name) {
    }

    /** @param point index of the labelled point */
    public record Label(int point, String text) {
    }

    private ClusterMap() {
    }

    /** The map of a model's clustered movies, clusters in the order of {@code report}. */
    public static BufferedImage of(MfModel model, ItemClustering clustering, List<ClusterReport.Cluster> report,
                                   Catalog catalog) {
        int k = model.factors();
        int[] items = clustering.items();
        float[] points = new float[items.length * k];
        MemorySegment q = model.itemFactors();
        for (int p = 0; p < items.length; p++) {
            MemorySegment.copy(q, ValueLayout.JAVA_FLOAT, (long) items[p] * k * Float.BYTES, points, p * k, k);
        }
        Pca pca = Pca.fit(points, k, Math.min(2, k));
        double[] projected = pca.project(points);
        double[] xy = new double[items.length * 2];
        for (int p = 0; p < items.length; p++) {
            xy[2 * p] = projected[p * pca.count()];
            xy[2 * p + 1] = pca.count() > 1 ? projected[p * pca.count() + 1] : 0;
        }
        List<List<DistinctiveGenres.Lift>> traits = DistinctiveGenres.of(clustering,
                i -> catalog.movie(model.itemIds().idOf(i)).map(Movie::genres).orElse(List.of()), 2);
        List<Legend> legend = report.stream()
                .map(c -> new Legend(c.cluster(), legendName(c, traits.get(c.cluster())))).toList();
        return draw(new Input(xy, clustering.result().assignment(), legend,
                labels(items, clustering.popularity(), model.itemIds(), catalog), axis(pca, 0), axis(pca, 1)));
    }

    /** "#3 Crime, Thriller (222)": the cluster's number, its most distinctive genres and its size. */
    private static String legendName(ClusterReport.Cluster c, List<DistinctiveGenres.Lift> traits) {
        String genres = traits.stream().map(DistinctiveGenres.Lift::genre).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "#%d %s(%,d)", c.cluster() + 1, genres.isEmpty() ? "" : genres + " ", c.size());
    }

    private static String axis(Pca pca, int c) {
        return c >= pca.count() ? "" : String.format(Locale.ROOT, "principal component %d (%.1f %% of variance)",
                c + 1, 100 * pca.explained(c));
    }

    /** The {@link #LABELS} most-rated points, most-rated first, titled for a small label. */
    private static List<Label> labels(int[] items, int[] popularity, IdIndex itemIds, Catalog catalog) {
        Integer[] order = new Integer[items.length];
        Arrays.setAll(order, p -> p);
        Arrays.sort(order, Comparator.comparingInt((Integer p) -> -popularity[items[p]]).thenComparingInt(p -> p));
        List<Label> out = new ArrayList<>();
        for (int j = 0; j < Math.min(LABELS, order.length); j++) {
            out.add(new Label(order[j], Titles.shortTitle(catalog.titleOf(itemIds.idOf(items[order[j]])))));
        }
        return out;
    }

    public static BufferedImage draw(Input in) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Movie map: item vectors by PCA, coloured by k-means cluster")
                .xAxisTitle(in.xTitle()).yAxisTitle(in.yTitle()).build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendFont(ChartStyle.font(Font.PLAIN, 13));
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setXAxisDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0.0");
        int[] colourOf = new int[in.legend().stream().mapToInt(Legend::cluster).max().orElse(0) + 1];
        for (int j = 0; j < in.legend().size(); j++) {
            Legend l = in.legend().get(j);
            colourOf[l.cluster()] = j;
            scatter(chart, in, l, ChartStyle.colour(j));
        }
        BufferedImage image = BitmapEncoder.getBufferedImage(chart);
        Graphics2D g = image.createGraphics();
        try {
            drawLabels(g, chart, in, colourOf);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void scatter(XYChart chart, Input in, Legend l, Color colour) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int p = 0; p < in.cluster().length; p++) {
            if (in.cluster()[p] == l.cluster()) {
                xs.add(in.xy()[2 * p]);
                ys.add(in.xy()[2 * p + 1]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(l.name(), xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 150));
    }

    /** Rings the labelled points, then places their titles greedily inside the plotted area. */
    private static void drawLabels(Graphics2D g, XYChart chart, Input in, int[] colourOf) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Font font = ChartStyle.font(Font.PLAIN, 12);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        LabelPlacer placer = new LabelPlacer(plotArea(chart, in));
        double[][] at = new double[in.labels().size()][];
        for (int j = 0; j < at.length; j++) {
            int p = in.labels().get(j).point();
            at[j] = new double[] {chart.getScreenXFromChart(in.xy()[2 * p]), chart.getScreenYFromChart(in.xy()[2 * p + 1])};
            placer.block(at[j][0], at[j][1], DOT);
        }
        double padX = 4;
        double padY = 2;
        for (int j = 0; j < at.length; j++) {
            Label label = in.labels().get(j);
            double w = fm.stringWidth(label.text()) + 2 * padX;
            double h = fm.getAscent() + fm.getDescent() + 2 * padY;
            Rectangle2D box = placer.place(at[j][0], at[j][1], w, h);
            Color colour = ChartStyle.colour(colourOf[in.cluster()[label.point()]]);
            g.setColor(Color.WHITE);
            g.fill(new Ellipse2D.Double(at[j][0] - DOT, at[j][1] - DOT, 2 * DOT, 2 * DOT));
            g.setColor(ChartStyle.INK);
            g.setStroke(new BasicStroke(1.6f));
            g.draw(new Ellipse2D.Double(at[j][0] - DOT, at[j][1] - DOT, 2 * DOT, 2 * DOT));
            if (box == null) {
                continue;
            }
            RoundRectangle2D round = new RoundRectangle2D.Double(box.getX(), box.getY(), w, h, 6, 6);
            g.setColor(new Color(255, 255, 255, 225));
            g.fill(round);
            g.setColor(colour);
            g.setStroke(new BasicStroke(1.2f));
            g.draw(round);
            g.setColor(ChartStyle.INK);
            g.drawString(label.text(), (float) (box.getX() + padX), (float) (box.getY() + padY + fm.getAscent()));
        }
    }

    /** The screen rectangle the points span, a little enlarged: labels stay off the axes and the legend. */
    private static Rectangle2D plotArea(XYChart chart, Input in) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < in.cluster().length; p++) {
            double sx = chart.getScreenXFromChart(in.xy()[2 * p]);
            double sy = chart.getScreenYFromChart(in.xy()[2 * p + 1]);
            minX = Math.min(minX, sx);
            maxX = Math.max(maxX, sx);
            minY = Math.min(minY, sy);
            maxY = Math.max(maxY, sy);
        }
        double margin = 12;
        return new Rectangle2D.Double(minX - margin, minY - margin, maxX - minX + 2 * margin, maxY - minY + 2 * margin);
    }
}
