package reco.engine.data;

import java.nio.file.Path;

/**
 * A loaded data set: ratings with dense user and movie indices, the id indices that translate them back,
 * the movie catalogue and what the load found. Owns the rating table: close it to free the columns.
 *
 * @param folder  the MovieLens folder (for a single ratings file, the folder that holds it)
 * @param layout  how the folder was laid out
 * @param ratings ratings in file order, duplicates removed
 * @param users   external user id ⇄ dense user index
 * @param items   external movie id ⇄ dense movie index
 * @param catalog the movies, possibly empty
 * @param report  what the load read, skipped and removed
 */
public record Dataset(Path folder, Layout layout, RatingTable ratings, IdIndex users, IdIndex items,
                      Catalog catalog, LoadReport report) implements AutoCloseable {
    @Override
    public void close() {
        ratings.close();
    }
}
