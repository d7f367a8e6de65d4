package reco.engine.data;

import java.nio.file.Path;

/**
 * One malformed row: where it is and what is wrong with it. Kept (instead of thrown) when rows are
 * skipped, so that a load report can show the first few.
 *
 * @param file    the ratings file
 * @param line    1-based line number
 * @param column  1-based field position, 0 when the row as a whole is wrong
 * @param problem what is wrong, e.g. {@code rating 'abc' is not a number}
 */
public record RowProblem(Path file, long line, int column, String problem) {

    /** The problem as a {@link DataException} with {@code fix} as its advice. */
    public DataException toException(String fix) {
        return DataException.at(file, line, column, problem, fix);
    }

    /** {@code file:line:column: problem}. */
    @Override
    public String toString() {
        return DataException.location(file, line, column) + ": " + problem;
    }
}
