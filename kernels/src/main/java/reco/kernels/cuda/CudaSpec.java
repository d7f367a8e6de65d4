package reco.kernels.cuda;

import reco.kernels.DeviceUnavailableException;

/**
 * A parsed {@code cuda[:ORDINAL]} spec: {@code cuda} is device 0, {@code cuda:N} device N in the
 * driver's order (the numbers {@code reco devices} prints).
 *
 * @param ordinal the device's ordinal
 */
record CudaSpec(int ordinal) {
    static final String FORMS = "cuda or cuda:ORDINAL (reco devices lists the ordinals)";

    /** Parses a spec; anything malformed is a {@link DeviceUnavailableException} saying what is accepted. */
    static CudaSpec parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (!parts[0].equals("cuda") || parts.length > 2) {
            throw bad(spec);
        }
        if (parts.length == 1) {
            return new CudaSpec(0);
        }
        try {
            int n = Integer.parseInt(parts[1]);
            if (n >= 0) {
                return new CudaSpec(n);
            }
        } catch (NumberFormatException e) {
            // reported below with the whole spec
        }
        throw bad(spec);
    }

    private static DeviceUnavailableException bad(String spec) {
        return new DeviceUnavailableException("bad device spec '" + spec + "': use " + FORMS);
    }
}
