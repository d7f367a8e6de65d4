package reco.engine.recommend;

import java.io.IOException;
import java.util.List;

/**
 * Top-N for every user of a model, streamed: users go to the device's scoring op {@link Recommender#BLOCK}
 * at a time and each block's lists are handed on before the next is scored, so memory holds one block's
 * queries, exclusions and results, never a users × items matrix.
 */
public final class BatchRecommender {

    /** Receives each user's list, users in ascending index order. */
    @FunctionalInterface
    public interface Sink {
        void accept(int user, List<Scored> top) throws IOException;
    }

    /** Told after each block how many users are done. */
    @FunctionalInterface
    public interface Progress {
        void done(int users, int total);
    }

    private BatchRecommender() {
    }

    /** Scores users {@code 0 .. seen.users()} with {@code recommender}, each without the items they rated. */
    public static void forEveryUser(Recommender recommender, SeenItems seen, int n, Sink sink, Progress progress)
            throws IOException {
        int total = seen.users();
        for (int from = 0; from < total; from += Recommender.BLOCK) {
            int m = Math.min(Recommender.BLOCK, total - from);
            int[] users = new int[m];
            int[][] exclude = new int[m][];
            for (int j = 0; j < m; j++) {
                users[j] = from + j;
                exclude[j] = seen.of(from + j);
            }
            List<List<Scored>> top = recommender.recommend(users, exclude, n);
            for (int j = 0; j < m; j++) {
                sink.accept(from + j, top.get(j));
            }
            progress.done(from + m, total);
        }
    }
}
