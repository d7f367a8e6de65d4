package reco.kernels.java;

/**
 * Whether the Java device may use its SIMD loops: the incubating {@code jdk.incubator.vector} module
 * must be resolved (the launcher passes {@code --add-modules=jdk.incubator.vector}), and
 * {@code -Dreco.java.scalar=true} forces the scalar reference loops, as do registers wider than
 * 512 bits (not seen yet). Classes that use the Vector API
 * are loaded only when this says yes, so that the device still runs without the module.
 */
final class VectorSupport {
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("reco.java.scalar") && VectorRatingLoop.supported();

    private VectorSupport() {
    }
}
