package reco.cli;

import picocli.CommandLine.Option;
import reco.kernels.ComputeDevice;
import reco.kernels.Devices;

/** {@code --device}: which device computes. */
final class DeviceOption {
    @Option(names = "--device", paramLabel = "SPEC", defaultValue = "auto",
            description = "auto, java, java:THREADS, opencl[:PLATFORM[:DEVICE]], cuda[:ORDINAL] (see 'reco devices'). Default: ${DEFAULT-VALUE}.")
    String spec;

    /** The resolved choice, with the sentence saying why. */
    Devices.Choice choice() {
        return Devices.resolve(spec);
    }

    ComputeDevice open(Devices.Choice choice) {
        return Devices.open(choice.spec());
    }
}
