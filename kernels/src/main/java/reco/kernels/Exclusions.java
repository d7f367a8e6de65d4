package reco.kernels;

/**
 * Items to leave out of each query's top-K, in compressed-row form: the excluded items of query q
 * are {@code items[offsets[q] .. offsets[q+1])}, ascending.
 *
 * @param offsets int32, queries + 1 entries, offsets[0] = 0
 * @param items   int32, ascending within each query's range
 */
public record Exclusions(DeviceBuffer offsets, DeviceBuffer items) {
}
