package reco.cli.plot;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy label placement: labels are taken in priority order and each goes to the first of eight
 * positions around its point (right, left, above, below, then the diagonals) that stays inside the
 * bounds and overlaps neither a label already placed nor a point already labelled; a label with no
 * free position is skipped. Simple and predictable — the most important labels always win.
 */
final class LabelPlacer {
    /** Gap between a point and its label, in pixels. */
    static final double GAP = 5;

    private final Rectangle2D bounds;
    private final List<Rectangle2D> taken = new ArrayList<>();

    LabelPlacer(Rectangle2D bounds) {
        this.bounds = bounds;
    }

    /**
     * Marks the point at ({@code x}, {@code y}) with radius {@code r} as an obstacle, so that no later
     * label covers it.
     */
    void block(double x, double y, double r) {
        taken.add(new Rectangle2D.Double(x - r, y - r, 2 * r, 2 * r));
    }

    /** Where a {@code w} × {@code h} label for the point (x, y) goes, or null when every position is taken. */
    Rectangle2D place(double x, double y, double w, double h) {
        double[][] offsets = {
            {GAP, -h / 2}, {-GAP - w, -h / 2}, {-w / 2, -GAP - h}, {-w / 2, GAP},
            {GAP, -GAP - h}, {-GAP - w, -GAP - h}, {GAP, GAP}, {-GAP - w, GAP}};
        for (double[] o : offsets) {
            Rectangle2D r = new Rectangle2D.Double(x + o[0], y + o[1], w, h);
            if (bounds.contains(r) && free(r)) {
                taken.add(r);
                return r;
            }
        }
        return null;
    }

    private boolean free(Rectangle2D r) {
        for (Rectangle2D t : taken) {
            if (t.intersects(r)) {
                return false;
            }
        }
        return true;
    }
}
