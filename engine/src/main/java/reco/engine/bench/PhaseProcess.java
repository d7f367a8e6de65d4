package reco.engine.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Runs a {@link BenchPhase} in a JVM of its own, so that the peak RSS it reports is the phase's and
 * not what earlier phases left in this JVM's heap. Both ends of the exchange are here: the parent
 * ({@link #run}) starts {@code java [this JVM's options] -cp [this class path] reco.engine.bench.PhaseProcess
 * PHASE_JSON}; the child ({@link #main}) runs the phase, passes its progress lines through and ends with
 * one {@value #RESULT} line holding the {@link PhaseResult} as JSON, or one {@value #FAILURE} line.
 */
public final class PhaseProcess {
    static final String RESULT = "reco-bench-result ";
    static final String FAILURE = "reco-bench-failure ";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PhaseProcess() {
    }

    /** Runs {@code phase} in a child JVM; its progress lines go to {@code progress}. */
    public static PhaseResult run(BenchPhase phase, Consumer<String> progress) {
        List<String> command = command(phase);
        Process child;
        try {
            child = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new PhaseFailedException(phase.describe() + ": cannot start " + command.getFirst() + ": " + e.getMessage(), e);
        }
        String result = null;
        String failure = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RESULT)) {
                    result = line.substring(RESULT.length());
                } else if (line.startsWith(FAILURE)) {
                    failure = line.substring(FAILURE.length());
                } else if (!line.startsWith("WARNING: Using incubator modules")) {
                    progress.accept(line);
                }
            }
            int code = child.waitFor();
            if (result == null) {
                throw new PhaseFailedException(phase.describe() + ": " + (failure != null ? failure
                        : "the benchmark's JVM ended with exit code " + code + " and no result (output above)"));
            }
            return JSON.readValue(result, PhaseResult.class);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the benchmark's JVM (" + phase.describe() + ")", e);
        } catch (InterruptedException e) {
            child.destroy();
            Thread.currentThread().interrupt();
            throw new PhaseFailedException(phase.describe() + ": interrupted", e);
        }
    }

    /** Runs {@code phase} in this JVM; the peak RSS is then this process's so far. */
    public static PhaseResult runHere(BenchPhase phase, Consumer<String> progress) {
        return phase.run(progress).withPeakRss(PeakRss.ofThisProcess());
    }

    /**
     * The child's command: this JVM's launcher and options (native access, the Vector API module, -Xmx
     * and -D settings all apply to the phase too), less a debugger agent, whose port the parent holds.
     */
    static List<String> command(BenchPhase phase) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib:jdwp") && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PhaseProcess.class.getName());
        command.add(toJson(phase));
        return command;
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    static BenchPhase phaseOf(String json) {
        try {
            return JSON.readValue(json, BenchPhase.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a benchmark phase: " + json, e);
        }
    }

    /** The child's side: {@code PhaseProcess PHASE_JSON}. Exit code 0 with a result line, else 1. */
    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            BenchPhase phase = phaseOf(args[0]);
            PhaseResult result = runHere(phase, out::println);
            out.println(RESULT + toJson(result));
            out.flush();
            System.exit(0);
        } catch (RuntimeException | OutOfMemoryError e) {
            out.println(FAILURE + (e instanceof OutOfMemoryError
                    ? "out of memory: give Java more with JAVA_OPTS=-Xmx…, or measure smaller sizes"
                    : (e.getMessage() == null ? e.toString() : e.getMessage()).replace('\n', ' ')));
            out.flush();
            System.exit(1);
        }
    }
}
