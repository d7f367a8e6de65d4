package reco.cli;

/** A flag or argument the user got wrong, found after parsing (exit code 2). */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
