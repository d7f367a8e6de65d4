package reco.kernels;

/**
 * The device asked for does not exist here (no driver, no such platform or ordinal, a bad spec).
 * The message says what was looked for and how to get it; it is a user's problem, not a crash.
 */
public class DeviceUnavailableException extends DeviceException {
    public DeviceUnavailableException(String message) {
        super(message);
    }

    public DeviceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
