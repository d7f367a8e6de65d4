package reco.kernels;

/**
 * Ratings on a device as three parallel columns of {@code count} entries.
 *
 * @param users   dense user index per rating, int32
 * @param items   dense item index per rating, int32
 * @param ratings the rating, float32
 */
public record RatingBuffers(DeviceBuffer users, DeviceBuffer items, DeviceBuffer ratings, long count) {

    public RatingBuffers {
        if (count < 0 || users.byteSize() < count * Integer.BYTES || items.byteSize() < count * Integer.BYTES
                || ratings.byteSize() < count * Float.BYTES) {
            throw new IllegalArgumentException("rating buffers too small for " + count + " ratings");
        }
    }
}
