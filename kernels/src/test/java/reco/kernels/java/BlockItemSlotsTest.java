package reco.kernels.java;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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
    void gatherCopiesTheBlocksMoviesInSlotOrderAndScatterWritesOnlyThemBack() {
        BlockItemSlots slots = new BlockItemSlots(10);
        slots.number(ITEMS, 1, 7); // movies 2, 4, 7, 0 in slot order
        int k = 2;
        int[] q = new int[10 * k];
        int[] itemBias = new int[10];
        for (int i = 0; i < 10; i++) {
            q[i * k] = 100 + i;
            q[i * k + 1] = 200 + i;
            itemBias[i] = 300 + i;
        }
        int[] p = {1, 2};
        int[] userBias = {3};
        MfView model = new MfView(p, q, userBias, itemBias, k, 3.5f, 1, 10);
        MfView block = slots.gather(model, 0);
        assertEquals(4, block.items());
        assertSame(p, block.p());
        assertSame(userBias, block.userBias());
        assertArrayEquals(new int[] {102, 202, 104, 204, 107, 207, 100, 200}, java.util.Arrays.copyOf(block.q(), 8));
        assertArrayEquals(new int[] {302, 304, 307, 300}, java.util.Arrays.copyOf(block.itemBias(), 4));
        for (int s = 0; s < 4; s++) {
            block.q()[s * k] = -block.q()[s * k];
            block.itemBias()[s] = -block.itemBias()[s];
        }
        slots.scatter(block, model);
        assertArrayEquals(new int[] {-100, 200, 101, 201, -102, 202, 103, 203, -104, 204, 105, 205, 106, 206,
                -107, 207, 108, 208, 109, 209}, q);
        assertArrayEquals(new int[] {-300, 301, -302, 303, -304, 305, 306, -307, 308, 309}, itemBias);
    }

    @Test
    void anUnbiasedModelCopiesRowsOnly() {
        BlockItemSlots slots = new BlockItemSlots(3);
        slots.number(new int[] {2, 0}, 0, 2);
        MfView model = new MfView(new int[1], new int[] {10, 11, 12}, null, null, 1, 0f, 1, 3);
        MfView block = slots.gather(model, 1);
        assertFalse(block.biased());
        assertArrayEquals(new int[] {12, 10}, java.util.Arrays.copyOf(block.q(), 2));
    }

    @Test
    void reuseForTheNextBlockForgetsThePreviousMovies() {
        BlockItemSlots slots = new BlockItemSlots(10);
        slots.number(ITEMS, 0, 9);
        slots.number(new int[] {9, 4}, 0, 2);
        assertEquals(0, slots.slot(0));
        assertEquals(1, slots.slot(1));
        assertEquals(2, slots.slots());
    }

    @Test
    void aMovieOutsideTheModelGetsNoSlot() {
        BlockItemSlots slots = new BlockItemSlots(5);
        slots.number(new int[] {1, 5, -1, 1}, 0, 4);
        assertEquals(0, slots.slot(0));
        assertEquals(-1, slots.slot(1));
        assertEquals(-1, slots.slot(2));
        assertEquals(0, slots.slot(3));
        assertEquals(1, slots.slots());
    }

    @Test
    void scratchFitsOnlyTheMovieCountItWasMadeFor() {
        BlockItemSlots slots = new BlockItemSlots(10);
        assertTrue(slots.fits(10));
        assertFalse(slots.fits(11));
    }
}
