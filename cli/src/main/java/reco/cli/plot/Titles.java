package reco.cli.plot;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MovieLens titles made short for a label: "Matrix, The (1999)" → "The Matrix". */
final class Titles {
    /** Longest label, in characters; longer titles are cut with an ellipsis. */
    static final int MAX = 32;
    private static final Pattern YEAR = Pattern.compile("\\s*\\(\\d{4}(?:[-–]\\d{0,4})?\\)\\s*$");
    /** MovieLens moves a leading article to the end, in several languages: "Matrix, The", "Haine, La". */
    private static final Pattern ARTICLE = Pattern.compile("^(.*), (The|A|An|Les|La|Le|L'|Il|El|Das|Der|Die)$");

    private Titles() {
    }

    static String shortTitle(String title) {
        String t = YEAR.matcher(title).replaceFirst("");
        // Alternative titles in parentheses: "Seven (a.k.a. Se7en)" → "Seven".
        int paren = t.indexOf(" (");
        if (paren > 0) {
            t = t.substring(0, paren);
        }
        Matcher m = ARTICLE.matcher(t);
        if (m.matches()) {
            String article = m.group(2);
            t = article + (article.endsWith("'") ? "" : " ") + m.group(1);
        }
        return t.length() <= MAX ? t : t.substring(0, MAX - 1) + "…";
    }
}
