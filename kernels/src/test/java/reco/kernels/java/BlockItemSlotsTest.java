package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BlockItemSlotsTest {
    private static final int[] ITEMS = {4, 2, 4, 7, 2, 2, 0, 9, 7};

    @Test
    void moviesAreNumberedInOrderOfFirstAppearanceWithinTheBlock() {
        BlockItemSlots slots = new BlockItemSlots(10);
        slots.number(ITEMS, 1, 7); // movies 2, 4, 7, 2, 2, 0
        int[] expected = {0, 1, 2, 0, 0, 3};
        for (int j = 1; j < 7; j++) {
            assertEquals(expected[j - 1], slots.slot(j), "rating " + j);
        }
    }

    @Test
    void gatherThenScatterMovesValuesAndTouchesNothingElse() {
        BlockItemSlots slots = new BlockItemSlots(10);
        slots.number(ITEMS, 1, 7);
        int[] words = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109};
        int[] compact = slots.gather(words);
        assertArrayEquals(new int[] {102, 104, 107, 100}, compact);
        for (int s = 0; s < compact.length; s++) {
            compact[s] = -compact[s];
        }
        slots.scatter(compact, words);
        assertArrayEquals(new int[] {-100, 101, -102, 103, -104, 105, 106, -107, 108, 109}, words);
    }

    @Test
    void reuseForTheNextBlockForgetsThePreviousMovies() {
        BlockItemSlots slots = new BlockItemSlots(10);
        slots.number(ITEMS, 0, 9);
        slots.number(new int[] {9, 4}, 0, 2);
        assertEquals(0, slots.slot(0));
        assertEquals(1, slots.slot(1));
        assertArrayEquals(new int[] {9, 4}, slots.gather(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    }

    @Test
    void aMovieOutsideTheModelGetsNoSlot() {
        BlockItemSlots slots = new BlockItemSlots(5);
        slots.number(new int[] {1, 5, -1, 1}, 0, 4);
        assertEquals(0, slots.slot(0));
        assertEquals(-1, slots.slot(1));
        assertEquals(-1, slots.slot(2));
        assertEquals(0, slots.slot(3));
        assertEquals(1, slots.gather(new int[5]).length);
    }

    @Test
    void scratchFitsOnlyTheMovieCountItWasMadeFor() {
        BlockItemSlots slots = new BlockItemSlots(10);
        assertTrue(slots.fits(10));
        assertFalse(slots.fits(11));
    }
}
