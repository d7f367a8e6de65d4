package reco.engine.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reco.engine.data.RatingTable;
import reco.engine.data.Synthetic;

/**
 * A benchmark data size: a number of ratings and the users and movies they are spread over, shaped like
 * MovieLens and Netflix. At 25M ratings it is ml-25m's 162,000 users × 59,000 movies. Down to 1M
 * ratings both counts shrink in proportion (1M: 6,480 × 2,360, about ml-1m's 6,040 × 3,706), so every
 * user and movie keeps the same number of ratings on average; below 1M they shrink with the square root,
 * keeping ml-1m's density (6.5 %) instead of filling the matrix (ml-100k is 6.3 % dense).
 *
 * @param ratings ratings in the data set
 * @param users   users
 * @param items   movies
 */
public record DataShape(long ratings, int users, int items) {
    /** The reference size, ml-25m's. */
    public static final long FULL_RATINGS = 25_000_000L;
    static final int FULL_USERS = 162_000;
    static final int FULL_ITEMS = 59_000;
    /** Below this share of {@link #FULL_RATINGS} (1M ratings) density stays constant instead of growing. */
    static final double PROPORTIONAL_FROM = 0.04;
    /** Fewer ratings than this make a data set of a few dozen users, too small to time anything. */
    public static final long MIN_RATINGS = 1_000;
    /** The rank of the structure planted in generated ratings, as {@code reco generate}'s default. */
    public static final int PLANTED_RANK = 8;
    /** The trainer indexes ratings with int32. */
    public static final long MAX_RATINGS = Integer.MAX_VALUE - 8;
    private static final Pattern COUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)([kKmM]?)");

    public DataShape {
        if (ratings < 1 || users < 1 || items < 1 || ratings < users || ratings > (long) users * items) {
            throw new IllegalArgumentException("no data set has " + ratings + " ratings of " + users + " users × " + items + " movies");
        }
    }

    /** The MovieLens-shaped data set of {@code ratings} ratings. */
    public static DataShape of(long ratings) {
        if (ratings < MIN_RATINGS || ratings > MAX_RATINGS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%,d ratings: give from %,d to %,d",
                    ratings, MIN_RATINGS, MAX_RATINGS));
        }
        double share = (double) ratings / FULL_RATINGS;
        double scale = share >= PROPORTIONAL_FROM ? share : Math.sqrt(PROPORTIONAL_FROM * share);
        return new DataShape(ratings, (int) Math.round(FULL_USERS * scale), (int) Math.round(FULL_ITEMS * scale));
    }

    /**
     * A size as {@code reco bench --sizes} takes it: a count of ratings ({@link #parseCount}), MovieLens-shaped
     * ({@link #of}), or a count with its users and movies, {@code 100M@480000x18000} (Netflix-shaped).
     *
     * @throws IllegalArgumentException with the fix, when {@code text} is neither
     */
    public static DataShape parse(String text) {
        int at = text.indexOf('@');
        if (at < 0) {
            return of(parseCount(text));
        }
        long ratings = parseCount(text.substring(0, at));
        String[] sides = text.substring(at + 1).strip().split("[xX×]");
        if (sides.length != 2) {
            throw new IllegalArgumentException("'" + text + "': give users and movies after @ as USERSxMOVIES, e.g. 100M@480000x18000");
        }
        long users = parseCount(sides[0]);
        long items = parseCount(sides[1]);
        if (users > Integer.MAX_VALUE || items > Integer.MAX_VALUE || ratings > MAX_RATINGS || ratings < MIN_RATINGS
                || users < 1 || items < 1 || ratings < users || ratings > users * items) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "'%s': %,d ratings cannot spread over %,d users × %,d "
                    + "movies (each user needs one, no pair twice, at most %,d in all)", text, ratings, users, items, MAX_RATINGS));
        }
        return new DataShape(ratings, (int) users, (int) items);
    }

    /**
     * A count of ratings as people write it: {@code 25000000}, {@code 250k}, {@code 25M}, {@code 1.5M}.
     *
     * @throws IllegalArgumentException with the fix, when {@code text} is not such a count
     */
    public static long parseCount(String text) {
        Matcher m = COUNT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a number of ratings: write it like 250k, 1M, 1.5M or 25000000");
        }
        double value = Double.parseDouble(m.group(1)) * switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 1e3;
            case "m" -> 1e6;
            default -> 1;
        };
        if (value != Math.rint(value) || value > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number of ratings: write it like 250k, 1M, 1.5M or 25000000");
        }
        return (long) value;
    }

    /** 25M, 1.5M, 250k, 1,234: short for tables and legends, exact. */
    public static String label(long ratings) {
        if (ratings >= 1_000_000 && ratings % 100_000 == 0) {
            return ratings % 1_000_000 == 0 ? ratings / 1_000_000 + "M" : String.format(Locale.ROOT, "%.1fM", ratings / 1e6);
        }
        if (ratings >= 1_000 && ratings % 1_000 == 0) {
            return ratings / 1_000 + "k";
        }
        return String.format(Locale.ROOT, "%,d", ratings);
    }

    public String label() {
        return label(ratings);
    }

    /** The ratings, generated in memory by {@link Synthetic} (user and movie indices, no ids). */
    public RatingTable generate(long seed) {
        return Synthetic.table(users, items, ratings, PLANTED_RANK, seed);
    }

    /** The same ratings as {@link #generate}, written as a MovieLens folder (ratings.csv, movies.csv) into {@code dir}. */
    public void write(Path dir, long seed) {
        Synthetic.generate(dir, users, items, ratings, PLANTED_RANK, seed);
    }
}
