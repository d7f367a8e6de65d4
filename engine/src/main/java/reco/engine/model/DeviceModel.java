package reco.engine.model;

import java.lang.foreign.MemorySegment;

import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.FactorModel;
import reco.kernels.Matrix;

/**
 * A factor model's parameters resident on a device, or a parameter-shaped state (Adam's moments).
 * Owns its buffers; close it before the device.
 */
public final class DeviceModel implements AutoCloseable {
    private final ComputeDevice device;
    private final DeviceBuffer userFactors; // P: users × factors, row-major float32
    private final DeviceBuffer itemFactors; // Q: items × factors, row-major float32
    private final DeviceBuffer userBias;    // users float32, null when unbiased
    private final DeviceBuffer itemBias;    // items float32, null when unbiased
    private final FactorModel view;

    private DeviceModel(ComputeDevice device, int users, int items, int factors, boolean biased, float globalMean) {
        this.device = device;
        this.userFactors = device.allocate((long) users * factors * Float.BYTES);
        this.itemFactors = device.allocate((long) items * factors * Float.BYTES);
        this.userBias = biased ? device.allocate((long) users * Float.BYTES) : null;
        this.itemBias = biased ? device.allocate((long) items * Float.BYTES) : null;
        this.view = new FactorModel(new Matrix(userFactors, users, factors), new Matrix(itemFactors, items, factors),
                userBias, itemBias, globalMean, biased);
    }

    /** Zero-filled parameters of the given shape. */
    public static DeviceModel zeros(ComputeDevice device, int users, int items, int factors, boolean biased,
                                    float globalMean) {
        return new DeviceModel(device, users, items, factors, biased, globalMean);
    }

    /** A copy of {@code model} on {@code device}. */
    public static DeviceModel upload(ComputeDevice device, MfModel model) {
        DeviceModel d = new DeviceModel(device, model.users(), model.items(), model.factors(), model.biased(),
                model.globalMean());
        d.write(model.userFactors(), model.itemFactors(), model.userBias(), model.itemBias());
        return d;
    }

    /** Overwrites the parameters from host segments (biases ignored when unbiased). */
    public void write(MemorySegment p, MemorySegment q, MemorySegment bu, MemorySegment bi) {
        device.write(userFactors, 0, p);
        device.write(itemFactors, 0, q);
        if (view.biased()) {
            device.write(userBias, 0, bu);
            device.write(itemBias, 0, bi);
        }
    }

    /** Copies the parameters into host segments of the same sizes (biases skipped when unbiased). */
    public void read(MemorySegment p, MemorySegment q, MemorySegment bu, MemorySegment bi) {
        device.read(userFactors, 0, p);
        device.read(itemFactors, 0, q);
        if (view.biased()) {
            device.read(userBias, 0, bu);
            device.read(itemBias, 0, bi);
        }
    }

    /** Copies the parameters into {@code model}, which must have the same shape. */
    public void readInto(MfModel model) {
        read(model.userFactors(), model.itemFactors(), model.userBias(), model.itemBias());
    }

    /** The kernels' view of these buffers. */
    public FactorModel view() {
        return view;
    }

    @Override
    public void close() {
        userFactors.close();
        itemFactors.close();
        if (userBias != null) {
            userBias.close();
            itemBias.close();
        }
    }
}
