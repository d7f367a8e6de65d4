package reco.engine.data;

import java.nio.file.Path;

/**
 * A problem with the user's data (a missing folder, a malformed row, an unreadable file), reported as
 * one line that names where it is ({@code file:line:column}), what is wrong and how to fix it, so the
 * command line can print it without a stack trace.
 *
 * <p>Lines and columns are 1-based; 0 means "not applicable". A column is a field's position in its row
 * (the third field of {@code 1,31,2.5,1260759144} is column 3), not a character offset, because the
 * fields are what a user edits.
 */
public final class DataException extends RuntimeException {
    private final Path file;
    private final long line;
    private final int column;
    private final String problem;
    private final String fix;

    private DataException(Path file, long line, int column, String problem, String fix, Throwable cause) {
        super(format(file, line, column, problem, fix), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.fix = fix;
    }

    /** A problem at {@code file:line:column}: {@code problem} says what is wrong, {@code fix} what to do. */
    public static DataException at(Path file, long line, int column, String problem, String fix) {
        return new DataException(file, line, column, problem, fix, null);
    }

    /** This problem with {@code more} said after it (e.g. a likely cause), at the same place, same fix. */
    public DataException withMore(String more) {
        return new DataException(file, line, column, problem + more, fix, getCause());
    }

    /** A problem with a whole file or folder (no line, no column). */
    public static DataException of(Path file, String problem, String fix) {
        return at(file, 0, 0, problem, fix);
    }

    /** A problem with a whole file, caused by an I/O error whose message is appended to the problem. */
    public static DataException io(Path file, String problem, String fix, Throwable cause) {
        String detail = problem + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        return new DataException(file, 0, 0, detail, fix, cause);
    }

    /** {@code file:line:column} with the parts that apply ({@code file:line} or just {@code file}). */
    public static String location(Path file, long line, int column) {
        StringBuilder s = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        return s.toString();
    }

    private static String format(Path file, long line, int column, String problem, String fix) {
        String oneLine = (location(file, line, column) + ": " + problem + "; " + fix).replace('\n', ' ');
        return oneLine.replace('\r', ' ');
    }

    /** The file or folder the problem is in. */
    public Path file() {
        return file;
    }

    /** The 1-based line, or 0 when the problem is not on one line. */
    public long line() {
        return line;
    }

    /** The 1-based field position in the row, or 0 when the problem is not in one field. */
    public int column() {
        return column;
    }
}
