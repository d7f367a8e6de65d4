package reco.engine.train;

import reco.engine.data.RatingTable;
import reco.kernels.ComputeDevice;
import reco.kernels.DeviceBuffer;
import reco.kernels.RatingBuffers;

/** A rating table's user, item and rating columns uploaded once to a device. */
public final class DeviceRatings implements AutoCloseable {
    private final DeviceBuffer users;   // int32 × n
    private final DeviceBuffer items;   // int32 × n
    private final DeviceBuffer ratings; // float32 × n
    private final RatingBuffers view;

    public DeviceRatings(ComputeDevice device, RatingTable table) {
        long n = table.size();
        this.users = device.allocate(n * Integer.BYTES);
        this.items = device.allocate(n * Integer.BYTES);
        this.ratings = device.allocate(n * Float.BYTES);
        device.write(users, 0, table.users());
        device.write(items, 0, table.items());
        device.write(ratings, 0, table.ratings());
        this.view = new RatingBuffers(users, items, ratings, n);
    }

    public RatingBuffers view() {
        return view;
    }

    @Override
    public void close() {
        users.close();
        items.close();
        ratings.close();
    }
}
