package reco.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Greedy label placement: first choice to the right, alternatives when taken, skipped when boxed in. */
class LabelPlacerTest {
    static final long SEED = 3;

    @Test
    void firstLabelGoesRightOfItsPoint() {
        LabelPlacer p = new LabelPlacer(new Rectangle2D.Double(0, 0, 200, 100));
        Rectangle2D r = p.place(50, 50, 40, 10);
        assertEquals(new Rectangle2D.Double(50 + LabelPlacer.GAP, 45, 40, 10), r);
    }

    @Test
    void aSecondLabelAtTheSamePointTakesTheLeftThenAboveThenBelow() {
        LabelPlacer p = new LabelPlacer(new Rectangle2D.Double(0, 0, 200, 100));
        Rectangle2D right = p.place(100, 50, 40, 10);
        Rectangle2D left = p.place(100, 50, 40, 10);
        Rectangle2D above = p.place(100, 50, 40, 10);
        Rectangle2D below = p.place(100, 50, 40, 10);
        assertEquals(100 + LabelPlacer.GAP, right.getX());
        assertEquals(100 - LabelPlacer.GAP - 40, left.getX());
        assertEquals(50 - LabelPlacer.GAP - 10, above.getY());
        assertEquals(50 + LabelPlacer.GAP, below.getY());
    }

    @Test
    void labelsStayInsideTheBoundsAndSkipWhenNothingFits() {
        LabelPlacer p = new LabelPlacer(new Rectangle2D.Double(0, 0, 100, 100));
        Rectangle2D r = p.place(95, 50, 40, 10); // no room on the right: goes left
        assertNotNull(r);
        assertTrue(r.getMaxX() <= 100);
        assertNull(new LabelPlacer(new Rectangle2D.Double(0, 0, 30, 30)).place(15, 15, 40, 10), "wider than the bounds");
    }

    @Test
    void noLabelCoversABlockedPoint() {
        LabelPlacer p = new LabelPlacer(new Rectangle2D.Double(0, 0, 200, 100));
        p.block(60, 50, 4); // a labelled neighbour just right of (50, 50)
        Rectangle2D r = p.place(50, 50, 40, 10);
        assertNotNull(r);
        assertFalse(r.intersects(56, 46, 8, 8), "the label " + r + " covers the neighbour");
    }

    @Test
    void manyCrowdedLabelsNeverOverlap() {
        SplittableRandom rng = new SplittableRandom(SEED);
        Rectangle2D bounds = new Rectangle2D.Double(0, 0, 400, 300);
        LabelPlacer p = new LabelPlacer(bounds);
        List<Rectangle2D> placed = new ArrayList<>();
        int skipped = 0;
        for (int j = 0; j < 200; j++) {
            Rectangle2D r = p.place(rng.nextDouble(400), rng.nextDouble(300), 30 + rng.nextDouble(60), 14);
            if (r == null) {
                skipped++;
                continue;
            }
            assertTrue(bounds.contains(r), r + " leaves the bounds");
            for (Rectangle2D other : placed) {
                assertFalse(other.intersects(r), r + " overlaps " + other);
            }
            placed.add(r);
        }
        assertTrue(placed.size() > 20 && skipped > 20, placed.size() + " placed, " + skipped + " skipped (seed " + SEED + ")");
    }
}
