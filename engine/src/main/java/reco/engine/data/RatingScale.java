package reco.engine.data;

import it.unimi.dsi.fastutil.ints.Int2LongMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;

import java.util.List;
import java.util.Locale;

/**
 * The rating scale of one ratings file, detected from its values rather than assumed, so that a 10 among
 * half-star ratings (a typo, or a row from another data set) is caught while a 1–10 or 0–100 data set
 * loads as it is.
 *
 * <p>The rule. A value is <em>common</em> when at least {@link #COMMON_SHARE} of the ratings have it. The
 * scale is the range of the common values, {@code [low, high]}, and their grid: the largest step, in
 * thousandths, that divides every common value's distance from {@code low} (0.5 for MovieLens' half
 * stars, 1 for ml-1m's whole stars). A rating is <em>off the scale</em> when its value is not common and
 * lies outside the range or off the grid. No scale is enforced (every finite rating is kept) when the
 * common values cover less than {@link #DISCRETE_SHARE} of the ratings or there are more than
 * {@link #MAX_DISTINCT} distinct values (continuous ratings, nothing to tell an outlier by), and in a file
 * of at most {@code 1 / COMMON_SHARE} (10,000) ratings every value is common, so small files are never
 * judged.
 *
 * <p>Examples: ml-latest-small (0.5 … 5 by 0.5; its rarest value, 0.5, is 1.4 % of the ratings) has
 * no rating off its scale; a 0 or a 10 added to it is off, as is a 3.7.
 */
final class RatingScale {
    /**
     * Share of the ratings a value needs to be part of the scale: 1 in 10,000. The extreme values of a
     * real scale are rare but not that rare (0.5 stars: 1.4 % of ml-latest-small, 0.06 % of the synthetic
     * generator's ratings); a typo is one row in tens of thousands.
     */
    static final double COMMON_SHARE = 1e-4;
    /** Share of the ratings the common values must cover for the file to have a discrete scale. */
    static final double DISCRETE_SHARE = 0.99;
    /** More distinct values than this: ratings are continuous. */
    static final int MAX_DISTINCT = 4096;
    /** The grid is found in thousandths of a star; a value that is not a whole number of them has no grid. */
    private static final double GRID_UNIT = 1000;

    private final float low;
    private final float high;
    private final long stepUnits;     // 0: no grid (one common value, or values off the thousandths)
    private final long commonRatings;
    private final long ratings;

    private RatingScale(float low, float high, long stepUnits, long commonRatings, long ratings) {
        this.low = low;
        this.high = high;
        this.stepUnits = stepUnits;
        this.commonRatings = commonRatings;
        this.ratings = ratings;
    }

    /**
     * The scale of the ratings counted per chunk ({@link RawChunk#ratingCounts}), or null when it has
     * none to enforce or no rating is off it.
     */
    static RatingScale ifAnyOutside(List<RawChunk> chunks) {
        Int2LongOpenHashMap counts = RatingCounts.merge(chunks.stream().map(c -> c.ratingCounts).toList());
        if (counts == null) {
            return null;
        }
        long total = 0;
        for (long n : counts.values()) {
            total += n;
        }
        long threshold = Math.max(1, (long) Math.ceil(total * COMMON_SHARE));
        float low = Float.POSITIVE_INFINITY;
        float high = Float.NEGATIVE_INFINITY;
        long common = 0;
        for (Int2LongMap.Entry e : counts.int2LongEntrySet()) {
            if (e.getLongValue() >= threshold) {
                float v = Float.intBitsToFloat(e.getIntKey());
                low = Math.min(low, v);
                high = Math.max(high, v);
                common += e.getLongValue();
            }
        }
        if (common < DISCRETE_SHARE * total) {
            return null;
        }
        RatingScale scale = new RatingScale(low, high, grid(counts, threshold, low), common, total);
        for (Int2LongMap.Entry e : counts.int2LongEntrySet()) {
            if (e.getLongValue() < threshold && !scale.accepts(Float.intBitsToFloat(e.getIntKey()))) {
                return scale;
            }
        }
        return null;
    }

    /** The gcd, in thousandths, of the common values' distances from {@code low}; 0 when there is none. */
    private static long grid(Int2LongOpenHashMap counts, long threshold, float low) {
        long step = 0;
        for (Int2LongMap.Entry e : counts.int2LongEntrySet()) {
            if (e.getLongValue() >= threshold) {
                double units = (Float.intBitsToFloat(e.getIntKey()) - (double) low) * GRID_UNIT;
                long rounded = Math.round(units);
                if (Math.abs(units - rounded) > 1e-3) {
                    return 0;
                }
                step = gcd(step, rounded);
            }
        }
        return step;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** Whether {@code rating} lies in the range and on the grid. */
    boolean accepts(float rating) {
        if (!(rating >= low && rating <= high)) {
            return false;
        }
        if (stepUnits == 0) {
            return true;
        }
        double units = (rating - (double) low) * GRID_UNIT;
        long rounded = Math.round(units);
        return Math.abs(units - rounded) <= 1e-3 && rounded % stepUnits == 0;
    }

    /** The problem of a rating off this scale, for a malformed-row message. */
    String outsideMessage(float rating) {
        String grid = stepUnits == 0 || low == high ? "" : " in steps of " + number(stepUnits / GRID_UNIT);
        return "rating " + number(rating) + " is off this file's rating scale (" + number(low)
                + (low == high ? "" : " to " + number(high)) + grid + ", the values of "
                + String.format(Locale.ROOT, "%,d of its %,d ratings)", commonRatings, ratings);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString((float) v);
    }
}
