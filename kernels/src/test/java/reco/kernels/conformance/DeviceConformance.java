package reco.kernels.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import reco.kernels.ComputeDevice;
import reco.kernels.java.JavaDevice;

/**
 * A device under test beside the Java reference, both opened once per test class and closed after
 * it. Each backend's test class names its device; the checks live in the subclasses of this package.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeviceConformance {
    protected ComputeDevice device;
    protected ComputeDevice reference;

    /** The device under test. */
    protected abstract ComputeDevice openDevice();

    /** The seed of the class's random data, logged so that a failure can be replayed. */
    protected abstract long seed();

    @BeforeAll
    void open() {
        device = openDevice();
        System.out.println(getClass().getSimpleName() + " on " + device.info().spec() + ", seed " + seed());
        reference = new JavaDevice(2);
    }

    @AfterAll
    void close() {
        if (device != null) {
            device.close();
        }
        if (reference != null) {
            reference.close();
        }
    }
}
