package reco.engine.bench;

/** A benchmark phase's JVM failed or gave no result; the message names the phase and what went wrong. */
public final class PhaseFailedException extends RuntimeException {
    public PhaseFailedException(String message) {
        super(message);
    }

    public PhaseFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
