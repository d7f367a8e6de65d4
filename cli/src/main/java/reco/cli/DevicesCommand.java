package reco.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import reco.kernels.DeviceInfo;
import reco.kernels.Devices;

/** {@code reco devices}: every device there is, with the spec that selects it. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List the compute devices found here and the --device spec of each.")
final class DevicesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Devices.BackendListing listing : Devices.list()) {
            out.println(listing.backend() + ":");
            if (listing.devices().isEmpty()) {
                out.println("  none: " + listing.unavailableReason());
                continue;
            }
            for (DeviceInfo d : listing.devices()) {
                out.printf("  %-14s %s%n", d.spec(), d.name());
                out.printf("  %-14s type %s, %d compute units, %s memory%n", "", d.type(), d.computeUnits(),
                        Text.bytes(d.globalMemoryBytes()));
                for (Map.Entry<String, String> e : d.details().entrySet()) {
                    out.printf("  %-14s %s: %s%n", "", e.getKey(), e.getValue());
                }
            }
        }
        Devices.Choice auto = Devices.resolve("auto");
        out.println();
        out.println("--device auto → " + auto.spec() + " (" + auto.reason() + ")");
        return 0;
    }
}
