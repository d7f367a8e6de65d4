package reco.engine.bench;

import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One measured part of the scale report. A phase is a value (it travels as JSON to the JVM that runs
 * it, see {@link PhaseProcess}) and does its own set-up — opening the device, generating the data — so
 * that a JVM of its own sees only its own memory.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "phase")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TrainingPhase.class, name = "training"),
    @JsonSubTypes.Type(value = KMeansPhase.class, name = "kmeans"),
    @JsonSubTypes.Type(value = GeneratePhase.class, name = "generate"),
    @JsonSubTypes.Type(value = LoadPhase.class, name = "load")})
public sealed interface BenchPhase permits TrainingPhase, KMeansPhase, GeneratePhase, LoadPhase {

    /** What the phase measures, in a few words, for progress lines and the memory table. */
    String describe();

    /** Measures; {@code progress} receives one line per step. */
    PhaseResult run(Consumer<String> progress);
}
