package reco.cli.report;

import java.util.List;
import java.util.Map;

import reco.engine.data.DatasetStats;

/**
 * Everything the page shows, computed beforehand by {@link ReportBuilder}, so that {@link HtmlReport}
 * only formats.
 *
 * @param model        the model folder's name
 * @param created      when the model was saved (ISO-8601)
 * @param dataName     the data set's folder name
 * @param device       the device that computed the clusters and lists
 * @param stats        the data set's statistics
 * @param histogram    rating histogram, PNG data URI
 * @param curves       training curves, PNG data URI
 * @param training     one-line facts about training (epochs, best epoch, time)
 * @param hyper        hyper-parameters by name
 * @param metrics      test metrics by name as the manifest has them
 * @param clusterMap   cluster map, PNG data URI
 * @param clusters     clusters, largest first, in the map's legend order
 * @param users        sample users with what they liked and what they are recommended
 * @param similar      seed movies with their nearest neighbours
 * @param newUser      a folded-in newcomer, or null when none of the seed movies is in the model
 */
public record Report(String model, String created, String dataName, String device, DatasetStats stats,
                     String histogram, String curves, List<Fact> training, Map<String, Object> hyper,
                     Map<String, Double> metrics, String clusterMap, List<Cluster> clusters, List<User> users,
                     List<Similar> similar, NewUser newUser) {

    /** A labelled value for a card. */
    public record Fact(String label, String value) {
    }

    /** A movie in a list: its title, genres and a score (predicted stars, or cosine). */
    public record Movie(String title, List<String> genres, double score) {
    }

    /**
     * @param number      the cluster's number as {@code reco clusters} prints it (1-based)
     * @param colour      its colour on the map, {@code #rrggbb}
     * @param size        members
     * @param distinctive genres over-represented in it, with their lift
     * @param dominant    its most common genres, with their share
     * @param top         its most-rated titles
     */
    public record Cluster(int number, String colour, int size, List<String> distinctive, List<String> dominant,
                          List<String> top) {
    }

    /** @param liked the user's highest-rated movies (score: their rating) */
    public record User(long id, int rated, List<Movie> liked, List<Movie> recommended) {
    }

    public record Similar(String title, List<Movie> neighbours) {
    }

    /** @param rated the ratings the newcomer gave (score: stars) */
    public record NewUser(List<Movie> rated, List<Movie> recommended) {
    }
}
