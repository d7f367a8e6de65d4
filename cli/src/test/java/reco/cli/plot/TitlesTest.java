package reco.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TitlesTest {
    @Test
    void dropsTheYearAndPutsTheArticleBack() {
        assertEquals("The Matrix", Titles.shortTitle("Matrix, The (1999)"));
        assertEquals("Toy Story", Titles.shortTitle("Toy Story (1995)"));
        assertEquals("Seven", Titles.shortTitle("Seven (a.k.a. Se7en) (1995)"));
        assertEquals("L'Avventura", Titles.shortTitle("Avventura, L' (1960)"));
    }

    @Test
    void cutsLongTitlesWithAnEllipsis() {
        String t = Titles.shortTitle("Star Wars: Episode VI - Return of the Jedi (1983)");
        assertEquals(Titles.MAX, t.length());
        assertEquals("Star Wars: Episode VI - Return …", t);
    }
}
