package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The warm-up's verdict: a win is the vector round at most 90 % of the scalar one; a loss starts over. */
class VectorWarmUpTest {
    @Test
    void winsCountOnlyInARow() {
        int wins = 0;
        wins = VectorWarmUp.wins(wins, 90, 100);
        assertEquals(1, wins, "90 % of the scalar time is a win");
        wins = VectorWarmUp.wins(wins, 50, 100);
        assertEquals(2, wins);
        wins = VectorWarmUp.wins(wins, 91, 100);
        assertEquals(0, wins, "91 % is not a win, and a loss starts the count over");
        assertEquals(0, VectorWarmUp.wins(5, 400_000_000, 300_000), "vector code still interpreted");
    }

    @Test
    void largeTimesDoNotOverflow() {
        assertEquals(1, VectorWarmUp.wins(0, Long.MAX_VALUE / 20, Long.MAX_VALUE / 10));
    }
}
