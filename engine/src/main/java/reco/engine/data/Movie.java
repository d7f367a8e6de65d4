package reco.engine.data;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One catalogue entry.
 *
 * @param id     the MovieLens movie id
 * @param title  the title as published, e.g. {@code Matrix, The (1999)}
 * @param year   the year of a trailing {@code (YYYY)} in the title, 0 when there is none
 * @param genres genres in published order; empty for {@code (no genres listed)}
 */
public record Movie(long id, String title, int year, List<String> genres) {
    /** A trailing "(1999)"; some titles end in a space or a range like "(2007-2013)" after trimming. */
    private static final Pattern TRAILING_YEAR = Pattern.compile("\\((\\d{4})(?:[-–]\\d{0,4})?\\)\\s*$");
    /** MovieLens' spelling of "no genre" (ml-20m and later). */
    static final String NO_GENRES = "(no genres listed)";

    public Movie {
        genres = List.copyOf(genres);
    }

    /** A movie whose year is read from its title and whose genres are split on {@code |}. */
    static Movie parse(long id, String title, String genres) {
        String t = title == null ? "" : title.strip();
        return new Movie(id, t, yearOf(t), splitGenres(genres));
    }

    /** The year of a trailing {@code (YYYY)}, or 0. */
    static int yearOf(String title) {
        Matcher m = TRAILING_YEAR.matcher(title);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static List<String> splitGenres(String genres) {
        if (genres == null || genres.isBlank() || genres.strip().equals(NO_GENRES)) {
            return List.of();
        }
        return List.of(genres.strip().split("\\|"));
    }
}
