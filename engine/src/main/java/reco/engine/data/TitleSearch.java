package reco.engine.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds movies by title, case-insensitively, the way people type titles. MovieLens moves a leading
 * article to the end ({@code Matrix, The (1999)}, {@code Misérables, Les (1995)}), also before an
 * alternative title in parentheses ({@code City of Lost Children, The (Cité des enfants perdus, La)}), so
 * each title is also matched with the article put back in front and without the year.
 *
 * <p>Ranking, best first: 0 the whole title equals the query ({@code matrix, the (1999)} or
 * {@code the matrix (1999)}); 1 the title without its year equals it ({@code the matrix}); 2 a form of the
 * title starts with it; 3 contains it. Ties: shorter title first, then smaller id.
 */
final class TitleSearch {
    private static final Pattern YEAR = Pattern.compile("\\s*\\(\\d{4}(?:[-–]\\d{0,4})?\\)\\s*$");
    /** "<main>, <article>" followed optionally by " (<alternative title>)". */
    private static final Pattern MOVED_ARTICLE = Pattern.compile("^(.+?), ([\\p{L}']+)(\\s*\\(.*\\))?$");
    private static final Set<String> ARTICLES = Set.of("the", "a", "an", "les", "la", "le", "l'", "il", "el",
            "die", "das", "der", "los", "las", "lo", "gli", "un", "une", "det", "den");
    private static final int NO_MATCH = Integer.MAX_VALUE;

    private final List<Forms> entries;

    /** The lower-cased ways a title can be written: with year, and without. */
    private record Forms(Movie movie, List<String> withYear, List<String> withoutYear) {
    }

    TitleSearch(List<Movie> movies) {
        entries = new ArrayList<>(movies.size());
        for (Movie m : movies) {
            entries.add(forms(m));
        }
    }

    List<Movie> search(String query, int limit) {
        String q = normalize(query);
        if (q.isEmpty()) {
            return List.of();
        }
        record Hit(Movie movie, int rank) {
        }
        List<Hit> hits = new ArrayList<>();
        for (Forms f : entries) {
            int rank = rank(f, q);
            if (rank != NO_MATCH) {
                hits.add(new Hit(f.movie(), rank));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::rank)
                .thenComparingInt((Hit h) -> h.movie().title().length())
                .thenComparingLong(h -> h.movie().id()));
        return hits.stream().limit(limit).map(Hit::movie).toList();
    }

    private static int rank(Forms f, String q) {
        if (f.withYear().contains(q)) {
            return 0;
        }
        if (f.withoutYear().contains(q)) {
            return 1;
        }
        int best = NO_MATCH;
        for (String form : f.withoutYear()) {
            if (form.startsWith(q)) {
                return 2;
            }
            if (form.contains(q)) {
                best = 3;
            }
        }
        for (String form : f.withYear()) {
            if (form.contains(q)) {
                best = 3;
            }
        }
        return best;
    }

    private static Forms forms(Movie m) {
        String full = normalize(m.title());
        Matcher year = YEAR.matcher(full);
        String suffix = year.find() ? full.substring(year.start()) : "";
        String base = full.substring(0, full.length() - suffix.length());
        List<String> withoutYear = new ArrayList<>(List.of(base));
        String fronted = articleInFront(base);
        if (fronted != null) {
            withoutYear.add(fronted);
        }
        int paren = base.indexOf(" (");
        if (paren > 0) {
            String main = base.substring(0, paren);
            withoutYear.add(main);
            String mainFronted = articleInFront(main);
            if (mainFronted != null) {
                withoutYear.add(mainFronted);
            }
        }
        List<String> withYear = new ArrayList<>(List.of(full));
        if (fronted != null) {
            withYear.add(fronted + suffix);
        }
        return new Forms(m, List.copyOf(withYear), List.copyOf(withoutYear));
    }

    /** "matrix, the" → "the matrix"; "avventura, l'" → "l'avventura"; null when no article was moved. */
    private static String articleInFront(String title) {
        Matcher m = MOVED_ARTICLE.matcher(title);
        if (!m.matches() || !ARTICLES.contains(m.group(2))) {
            return null;
        }
        String article = m.group(2);
        String rest = m.group(3) == null ? "" : m.group(3);
        return article + (article.endsWith("'") ? "" : " ") + m.group(1) + rest;
    }

    /** Lower case, single spaces, trimmed. */
    static String normalize(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
