package reco.cli.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** One look for every chart: fonts, colours, a light grid, no box around the plot. */
public final class ChartStyle {
    /** Okabe &amp; Ito's colour-blind-safe palette, then Tableau's, for up to 16 clusters before repeating. */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7), new Color(0x56B4E9),
        new Color(0xD55E00), new Color(0xF0C419), new Color(0x6A3D9A), new Color(0x8C564B), new Color(0x17BECF),
        new Color(0xBCBD22), new Color(0x7F7F7F), new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C),
        new Color(0xD62728)};
    static final Color INK = new Color(0x1F2937);
    static final Color MUTED = new Color(0x6B7280);
    static final Color GRID = new Color(0xE5E7EB);
    static final String FAMILY = Font.SANS_SERIF;

    static {
        // Charts are drawn off-screen; a JDK that sees a DISPLAY would otherwise try to open it.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartStyle() {
    }

    static Color colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** The colour of series {@code i} as CSS {@code #rrggbb}, so that a page can match a chart. */
    public static String hex(int i) {
        return String.format("#%06x", colour(i).getRGB() & 0xFFFFFF);
    }

    static Font font(int style, int size) {
        return new Font(FAMILY, style, size);
    }

    /** Fonts, colours and grid for an axes chart. */
    static void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartFontColor(INK);
        s.setChartTitleFont(font(Font.BOLD, 20));
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(14);
        s.setChartPadding(16);
        s.setAxisTitleFont(font(Font.PLAIN, 15));
        s.setAxisTickLabelsFont(font(Font.PLAIN, 13));
        s.setAxisTickLabelsColor(MUTED);
        s.setAxisTickMarksColor(GRID);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setLegendFont(font(Font.PLAIN, 14));
        s.setLegendBorderColor(GRID);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 235));
        s.setLegendPadding(10);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        s.setTextAntiAlias(true);
        s.setLocale(java.util.Locale.ROOT);
    }
}
