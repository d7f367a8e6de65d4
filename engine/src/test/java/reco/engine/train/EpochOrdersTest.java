package reco.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Orders shuffled ahead on the helper are the orders shuffled in line, epoch after epoch. */
class EpochOrdersTest {
    private static final int N = 10_007;

    @Test
    void sameOrdersAsShufflingInLine() {
        int[] inLine = Permutations.identity(N);
        SplittableRandom reference = new SplittableRandom(42);
        try (EpochOrders orders = new EpochOrders(Permutations.identity(N), new SplittableRandom(42))) {
            for (int epoch = 1; epoch <= 20; epoch++) {
                Permutations.shuffle(inLine, reference);
                int[] got = orders.next();
                assertArrayEquals(inLine, got, "epoch " + epoch);
            }
        }
    }

    @Test
    void anOrderStaysPutWhileTheNextIsShuffled() throws InterruptedException {
        try (EpochOrders orders = new EpochOrders(Permutations.identity(N), new SplittableRandom(3))) {
            int[] first = orders.next();
            int[] copy = first.clone();
            Thread.sleep(50); // the helper shuffles the next order meanwhile
            assertArrayEquals(copy, first);
            int[] second = orders.next();
            assertFalse(Arrays.equals(copy, second), "a new order");
        }
    }

    @Test
    void replayedEpochsContinueTheSameSequence() {
        int[] inLine = Permutations.identity(N);
        SplittableRandom reference = new SplittableRandom(9);
        for (int epoch = 0; epoch < 4; epoch++) {
            Permutations.shuffle(inLine, reference);
        }
        Permutations.shuffle(inLine, reference); // the fifth epoch's order
        try (EpochOrders orders = new EpochOrders(Permutations.identity(N), new SplittableRandom(9))) {
            for (int epoch = 0; epoch < 4; epoch++) {
                orders.replay();
            }
            assertArrayEquals(inLine, orders.next());
            assertThrows(IllegalStateException.class, orders::replay);
        }
    }
}
