package reco.engine.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Genres ranked by how over-represented they are in a cluster, not by plain share. */
class DistinctiveGenresTest {

    @Test
    void liftBeatsShare() {
        // 8 movies, 2 clusters of 4. Drama tags all 8 (lift 1 everywhere); Horror tags 3 of cluster 0 and
        // none of cluster 1 (share 0.75, lift 0.75 / (3/8) = 2); Comedy tags 1 of cluster 0 (share 0.25,
        // lift 0.25 / (4/8) = 0.5) and 3 of cluster 1 (lift 1.5); Western tags 1 of cluster 1 only
        // (share 0.25 ≥ the 15 % floor, lift 2).
        List<List<String>> genres = List.of(List.of("Drama", "Horror"), List.of("Drama", "Horror"),
                List.of("Drama", "Horror"), List.of("Drama", "Comedy"), List.of("Drama", "Comedy"),
                List.of("Drama", "Comedy"), List.of("Drama", "Comedy"), List.of("Drama", "Western"));
        int[] items = {0, 1, 2, 3, 4, 5, 6, 7};
        KMeansResult result = new KMeansResult(new int[] {0, 0, 0, 0, 1, 1, 1, 1}, new float[2], 1, 0, 1, 0);
        List<List<DistinctiveGenres.Lift>> lifts = DistinctiveGenres.of(new ItemClustering(items, new int[8], result),
                genres::get, 3);
        assertEquals(List.of("Horror", "Drama", "Comedy"), lifts.get(0).stream().map(DistinctiveGenres.Lift::genre).toList());
        assertEquals(2.0, lifts.get(0).getFirst().lift(), 1e-12);
        assertEquals(0.75, lifts.get(0).getFirst().share(), 1e-12);
        assertEquals(List.of("Western", "Comedy", "Drama"), lifts.get(1).stream().map(DistinctiveGenres.Lift::genre).toList());
        assertEquals(1.5, lifts.get(1).get(1).lift(), 1e-12);
    }

    @Test
    void aGenreOnTooFewMembersIsNoTrait() {
        // Cluster 0 has 10 members; one is Film-Noir (share 0.1 < 15 %), though its lift would be the highest.
        List<String> plain = List.of("Drama");
        int[] items = new int[20];
        int[] assignment = new int[20];
        for (int i = 0; i < 20; i++) {
            items[i] = i;
            assignment[i] = i < 10 ? 0 : 1;
        }
        KMeansResult result = new KMeansResult(assignment, new float[2], 1, 0, 1, 0);
        List<List<DistinctiveGenres.Lift>> lifts = DistinctiveGenres.of(new ItemClustering(items, new int[20], result),
                i -> i == 0 ? List.of("Drama", "Film-Noir") : plain, 3);
        assertTrue(lifts.get(0).stream().noneMatch(l -> l.genre().equals("Film-Noir")), lifts.get(0).toString());
    }
}
