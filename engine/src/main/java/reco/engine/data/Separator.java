package reco.engine.data;

/** The field separators of the published MovieLens ratings files. */
enum Separator {
    /** {@code ratings.csv} of ml-latest(-small), ml-20m, ml-25m, ml-32m. */
    COMMA((byte) ',', 1, "','"),
    /** {@code ratings.dat} of ml-1m and ml-10m. */
    DOUBLE_COLON((byte) ':', 2, "'::'"),
    /** {@code u.data} and the {@code u1.base}… splits of ml-100k. */
    TAB((byte) '\t', 1, "a tab");

    /** The (first) byte of the separator; {@link #DOUBLE_COLON} is two of them. */
    final byte first;
    /** Bytes in the separator. */
    final int length;
    /** How a message names it. */
    final String shown;

    Separator(byte first, int length, String shown) {
        this.first = first;
        this.length = length;
        this.shown = shown;
    }
}
