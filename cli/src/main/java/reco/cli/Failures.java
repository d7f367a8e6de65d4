package reco.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

import picocli.CommandLine;
import reco.engine.bench.PhaseFailedException;
import reco.engine.data.DataException;
import reco.engine.model.ModelFileException;
import reco.engine.train.TrainingDivergedException;
import reco.kernels.DeviceException;
import reco.kernels.DeviceUnavailableException;

/**
 * Turns exceptions into one-line messages and exit codes: 2 for a usage mistake (bad flag, bad
 * device spec), 1 for bad data, a damaged model or a device failure. A stack trace only with --debug
 * or for a bug (an exception we did not expect).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    static final int DATA = 1;
    static final int USAGE = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean debug = parsed != null && debug(cl);
        int code = codeOf(e);
        String message = messageOf(e);
        cl.getErr().println("reco: " + message);
        if (debug || code < 0) {
            e.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return code < 0 ? DATA : code;
    }

    static int usage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println("reco: " + e.getMessage());
        cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
        cl.getErr().flush();
        return USAGE;
    }

    /** Exit code, or -1 for an unexpected exception (a bug: show the trace). */
    private static int codeOf(Throwable e) {
        return switch (e) {
            case UsageException u -> USAGE;
            case DeviceUnavailableException d -> USAGE;
            case IllegalArgumentException i -> USAGE;
            case DataException d -> DATA;
            case ModelFileException m -> DATA;
            case TrainingDivergedException t -> DATA;
            case PhaseFailedException p -> DATA;
            case DeviceException d -> DATA;
            case NoSuchFileException n -> DATA;
            case IOException io -> DATA;
            case UncheckedIOException io -> DATA;
            case OutOfMemoryError oom -> DATA;
            default -> -1;
        };
    }

    private static String messageOf(Throwable e) {
        return switch (e) {
            case NoSuchFileException n -> n.getFile() + ": no such file";
            case UncheckedIOException io -> messageOf(io.getCause());
            case OutOfMemoryError oom -> "out of memory: give Java more with JAVA_OPTS=-Xmx…, or use a smaller data set";
            default -> e.getMessage() == null ? e.toString() : e.getMessage();
        };
    }

    private static boolean debug(CommandLine cl) {
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return ((Main) root.getCommand()).debug;
    }
}
