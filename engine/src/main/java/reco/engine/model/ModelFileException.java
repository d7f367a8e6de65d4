package reco.engine.model;

/**
 * A model folder that cannot be read or written: missing, from another format version, damaged, or
 * inconsistent with its manifest. The message is one line that names the file and says how to fix it,
 * fit to show a user without a stack trace.
 */
public final class ModelFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
