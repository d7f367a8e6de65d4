package reco.cli.report;

import static reco.cli.report.Html.escape;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reco.engine.data.DatasetStats;

/** Formats a {@link Report} as one HTML page: inline CSS, images as data URIs, no script, no network. */
public final class HtmlReport {
    private static final String CSS = """
            :root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7fb;--accent:#0072b2}
            *{box-sizing:border-box}
            body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:var(--bg)}
            .wrap{max-width:1120px;margin:0 auto;padding:0 24px}
            header{background:linear-gradient(135deg,#0f172a,#1e3a5f);color:#fff;padding:28px 0 18px}
            header h1{margin:0;font-size:28px;letter-spacing:.2px}
            header p{margin:4px 0 0;color:#cbd5e1}
            nav{display:flex;flex-wrap:wrap;gap:18px;margin-top:16px}
            nav a{color:#e2e8f0;text-decoration:none;font-weight:600;font-size:14px}
            nav a:hover{text-decoration:underline}
            section{margin:30px 0}
            h2{font-size:22px;margin:0 0 14px;padding-bottom:6px;border-bottom:2px solid var(--line)}
            h3{font-size:16px;margin:0 0 8px}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(200px,1fr));gap:12px}
            .card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px}
            .stat .value{font-size:23px;font-weight:700;font-variant-numeric:tabular-nums}
            .stat .label{color:var(--muted);font-size:13px}
            figure{margin:16px 0;background:#fff;border:1px solid var(--line);border-radius:10px;padding:8px}
            figure img{width:100%;height:auto;display:block}
            figcaption{color:var(--muted);font-size:13px;padding:6px 8px 2px}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:14px}
            .swatch{width:13px;height:13px;border-radius:50%;display:inline-block;margin-right:8px;vertical-align:-1px}
            .chip{display:inline-block;background:#eef2ff;color:#3730a3;border-radius:999px;padding:1px 9px;font-size:12px;margin:0 4px 4px 0}
            .chip.plain{background:#f3f4f6;color:#374151}
            .muted{color:var(--muted);font-size:13px}
            ol{margin:6px 0 0;padding-left:22px}
            li{margin:2px 0}
            .row{display:flex;justify-content:space-between;gap:12px}
            .score{color:var(--muted);font-variant-numeric:tabular-nums;white-space:nowrap}
            .genres{display:block;color:var(--muted);font-size:12px;line-height:1.3}
            .pair{display:grid;grid-template-columns:1fr 1fr;gap:24px}
            .split{display:grid;grid-template-columns:3fr 2fr;gap:16px;align-items:start}
            .split figure{margin:0}
            .stack>*+*{margin-top:14px}
            .facts{display:grid;grid-template-columns:auto 1fr;gap:4px 14px;font-size:14px}
            .facts dt{color:var(--muted)}
            .facts dd{margin:0;font-weight:600}
            .users .card{margin-bottom:14px}
            @media (max-width:860px){.split,.pair{grid-template-columns:1fr}}
            table{border-collapse:collapse;width:100%}
            td,th{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);font-size:14px}
            th{color:var(--muted);font-weight:600}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            details summary{cursor:pointer;color:var(--accent);font-weight:600;margin-top:12px}
            footer{color:var(--muted);font-size:13px;padding:10px 0 40px}
            """;

    private HtmlReport() {
    }

    public static String render(Report r) {
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>Reco report: ").append(escape(r.model())).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        header(h, r);
        h.append("<main class=\"wrap\">\n");
        data(h, r);
        training(h, r);
        clusters(h, r);
        recommendations(h, r);
        h.append("</main>\n<footer class=\"wrap\">Written by <code>reco report</code>. One self-contained file: ")
                .append("pictures are embedded, nothing is fetched from the network.</footer>\n</body></html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, Report r) {
        h.append("<header><div class=\"wrap\"><h1>Model ").append(escape(r.model())).append("</h1><p>Trained on ")
                .append(escape(r.dataName())).append(" · saved ").append(escape(when(r.created())))
                .append(" · lists computed on ").append(escape(r.device())).append("</p><nav>")
                .append("<a href=\"#data\">Data</a><a href=\"#training\">Training and test</a>")
                .append("<a href=\"#clusters\">Clusters</a><a href=\"#users\">Recommendations</a>")
                .append("<a href=\"#similar\">Similar movies</a>")
                .append(r.newUser() == null ? "" : "<a href=\"#new-user\">New user</a>")
                .append("</nav></div></header>\n");
    }

    private static void data(StringBuilder h, Report r) {
        DatasetStats s = r.stats();
        h.append("<section id=\"data\"><h2>Data</h2><div class=\"cards\">");
        stat(h, String.format(Locale.ROOT, "%,d", s.ratings()), "ratings");
        stat(h, String.format(Locale.ROOT, "%,d", s.users()), "users");
        stat(h, String.format(Locale.ROOT, "%,d", s.movies()), "movies rated");
        stat(h, String.format(Locale.ROOT, "%.2f %%", 100 * s.sparsity()), "sparsity (empty cells)");
        stat(h, String.format(Locale.ROOT, "%.0f", s.medianPerUser()), String.format(Locale.ROOT,
                "median ratings per user (min %,d, max %,d)", s.minPerUser(), s.maxPerUser()));
        h.append("</div><div class=\"split\" style=\"margin-top:14px\">");
        figure(h, r.histogram(), "Rating histogram", "How often each rating was given.");
        h.append("<div class=\"card\"><h3>Most-rated movies</h3><table><tr><th>title</th><th class=\"num\">ratings</th>")
                .append("<th class=\"num\">mean rating</th></tr>");
        for (DatasetStats.MovieCount m : s.mostRated()) {
            h.append("<tr><td>").append(escape(m.title())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%,d", m.count())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.2f", m.meanRating())).append("</td></tr>");
        }
        h.append("</table></div></div></section>\n");
    }

    private static void training(StringBuilder h, Report r) {
        h.append("<section id=\"training\"><h2>Training and test</h2><div class=\"split\">");
        if (r.curves() != null) {
            figure(h, r.curves(), "Training curves", "Train RMSE is the square root of the epoch's mean squared error; "
                    + "the gap to the validation RMSE is the over-fit. Refit: the final run on train + validation "
                    + "ratings for the best epoch count.");
        } else {
            h.append("<p class=\"muted\">The manifest holds no training history.</p>");
        }
        h.append("<div class=\"stack\" id=\"metrics\">");
        metrics(h, r.metrics());
        h.append("<div class=\"card\"><h3>Training</h3><dl class=\"facts\">");
        for (Report.Fact f : r.training()) {
            h.append("<dt>").append(escape(f.label())).append("</dt><dd>").append(escape(f.value())).append("</dd>");
        }
        h.append("</dl><details><summary>Hyper-parameters</summary><dl class=\"facts\">");
        for (Map.Entry<String, Object> e : r.hyper().entrySet()) {
            h.append("<dt>").append(escape(e.getKey())).append("</dt><dd>").append(escape(String.valueOf(e.getValue())))
                    .append("</dd>");
        }
        h.append("</dl></details></div></div></div></section>\n");
    }

    /** Test metrics in a fixed order: errors first, then ranking. */
    private static void metrics(StringBuilder h, Map<String, Double> metrics) {
        List<Map.Entry<String, Double>> shown = metrics.entrySet().stream()
                .filter(e -> e.getKey().startsWith("test_") || e.getKey().contains("_at_"))
                .sorted(Comparator.comparingInt((Map.Entry<String, Double> e) -> metricOrder(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .toList();
        h.append("<div class=\"card\"><h3>Test metrics</h3>");
        if (shown.isEmpty()) {
            h.append("<p class=\"muted\">No test split: this model was trained on every rating.</p></div>");
            return;
        }
        h.append("<dl class=\"facts\">");
        for (Map.Entry<String, Double> e : shown) {
            h.append("<dt>").append(escape(metricName(e.getKey()))).append("</dt><dd>")
                    .append(String.format(Locale.ROOT, "%.4f", e.getValue())).append("</dd>");
        }
        h.append("</dl><p class=\"muted\">RMSE and MAE in stars over every test rating. Ranking: a test movie rated ")
                .append("4 stars or more is relevant; candidates are the movies a user did not rate in training.</p></div>");
    }

    private static int metricOrder(String key) {
        List<String> order = List.of("test_rmse", "test_mae", "precision", "recall", "ndcg");
        for (int i = 0; i < order.size(); i++) {
            if (key.startsWith(order.get(i))) {
                return i;
            }
        }
        return order.size();
    }

    /** "test_rmse" → "RMSE", "ndcg_at_10" → "NDCG@10". */
    static String metricName(String key) {
        String k = key.startsWith("test_") ? key.substring(5) : key;
        k = k.replace("_at_", "@");
        return switch (k.replaceAll("@.*", "")) {
            case "rmse", "mae", "ndcg" -> k.toUpperCase(Locale.ROOT);
            default -> k;
        };
    }

    private static void clusters(StringBuilder h, Report r) {
        h.append("<section id=\"clusters\"><h2>Clusters</h2>");
        figure(h, r.clusterMap(), "Cluster map", "Each dot is a movie: its vector projected on the two directions of "
                + "largest variance, coloured by its k-means cluster. Ringed dots are the most-rated movies.");
        h.append("<div class=\"grid\">");
        for (Report.Cluster c : r.clusters()) {
            h.append("<div class=\"card\"><h3><span class=\"swatch\" style=\"background:").append(c.colour())
                    .append("\"></span>Cluster #").append(c.number()).append(" <span class=\"muted\">")
                    .append(String.format(Locale.ROOT, "%,d movies", c.size())).append("</span></h3><div>");
            for (String g : c.distinctive()) {
                h.append("<span class=\"chip\">").append(escape(g)).append("</span>");
            }
            for (String g : c.dominant()) {
                h.append("<span class=\"chip plain\">").append(escape(g)).append("</span>");
            }
            h.append("</div><ol>");
            for (String t : c.top()) {
                h.append("<li>").append(escape(t)).append("</li>");
            }
            h.append("</ol></div>");
        }
        h.append("</div><p class=\"muted\">Blue chips: genres over-represented in the cluster (× its share overall). ")
                .append("Grey chips: its most common genres. Titles: its most-rated movies.</p></section>\n");
    }

    private static void recommendations(StringBuilder h, Report r) {
        h.append("<section id=\"users\" class=\"users\"><h2>Recommendations</h2><div>");
        for (Report.User u : r.users()) {
            h.append("<div class=\"card\"><h3>User ").append(u.id()).append(" <span class=\"muted\">rated ")
                    .append(u.rated()).append(" movies</span></h3><div class=\"pair\"><div><span class=\"muted\">")
                    .append("Rated highest</span>");
            list(h, u.liked(), "%.1f★");
            h.append("</div><div><span class=\"muted\">Recommended (predicted)</span>");
            list(h, u.recommended(), "%.2f");
            h.append("</div></div></div>");
        }
        h.append("</div></section>\n<section id=\"similar\"><h2>Similar movies</h2><div class=\"grid\">");
        for (Report.Similar s : r.similar()) {
            h.append("<div class=\"card\"><h3>Like ").append(escape(s.title())).append("</h3><span class=\"muted\">")
                    .append("cosine similarity of the movie vectors</span>");
            list(h, s.neighbours(), "%.2f");
            h.append("</div>");
        }
        h.append("</div></section>\n");
        if (r.newUser() != null) {
            h.append("<section id=\"new-user\"><h2>A new user, no retraining</h2><div class=\"card\"><div class=\"pair\">")
                    .append("<div><span class=\"muted\">They rated</span>");
            list(h, r.newUser().rated(), "%.0f★");
            h.append("<p class=\"muted\">Their vector and bias come from a ridge least-squares fit against the fixed ")
                    .append("movie vectors (fold-in), as <code>reco recommend --rate</code> does.</p></div>")
                    .append("<div><span class=\"muted\">Recommended (predicted)</span>");
            list(h, r.newUser().recommended(), "%.2f");
            h.append("</div></div></div></section>\n");
        }
    }

    /** "2026-11-27T06:45:56.06Z" → "2026-11-27 06:45 UTC"; anything else as it is. */
    static String when(String created) {
        if (created == null) {
            return "at an unknown time";
        }
        try {
            return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC).format(Instant.parse(created));
        } catch (DateTimeParseException e) {
            return created;
        }
    }

    private static void list(StringBuilder h, List<Report.Movie> movies, String scoreFormat) {
        h.append("<ol>");
        for (Report.Movie m : movies) {
            h.append("<li><div class=\"row\"><span>").append(escape(m.title()));
            if (!m.genres().isEmpty()) {
                h.append("<span class=\"genres\">").append(escape(String.join(" · ", m.genres()))).append("</span>");
            }
            h.append("</span><span class=\"score\">").append(String.format(Locale.ROOT, scoreFormat, m.score()))
                    .append("</span></div></li>");
        }
        h.append("</ol>");
    }

    private static void stat(StringBuilder h, String value, String label) {
        h.append("<div class=\"card stat\"><div class=\"value\">").append(escape(value))
                .append("</div><div class=\"label\">").append(escape(label)).append("</div></div>");
    }

    private static void figure(StringBuilder h, String dataUri, String alt, String caption) {
        h.append("<figure><img src=\"").append(dataUri).append("\" alt=\"").append(escape(alt)).append("\"><figcaption>")
                .append(escape(caption)).append("</figcaption></figure>");
    }
}
