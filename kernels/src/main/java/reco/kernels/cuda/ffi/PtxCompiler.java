package reco.kernels.cuda.ffi;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import reco.kernels.DeviceException;

/**
 * CUDA C++ source to PTX with NVRTC. PTX (not a cubin) so that one text runs on the device it was
 * compiled for and any newer one: the driver's JIT turns it into machine code at load time.
 */
public final class PtxCompiler {

    private PtxCompiler() {
    }

    /** NVRTC's version, e.g. {@code 13.0}; loads NVRTC. */
    public static String version() {
        int[] v = Nvrtc.nvrtcVersion();
        return v[0] + "." + v[1];
    }

    /**
     * The virtual architecture to compile for on a device of compute capability {@code capability}
     * (e.g. 90): the highest this NVRTC supports that is not above it, since PTX for an older
     * architecture still runs on a newer device (an NVRTC older than the device would otherwise refuse
     * the option). An NVRTC that cannot list its architectures is asked for the device's own.
     */
    public static int architectureFor(int capability) {
        return architectureFor(capability, Nvrtc.nvrtcGetSupportedArchs());
    }

    static int architectureFor(int capability, int[] supported) {
        if (supported == null || supported.length == 0) {
            return capability;
        }
        int best = -1;
        for (int arch : supported) {
            if (arch <= capability && arch > best) {
                best = arch;
            }
        }
        if (best < 0) {
            throw new DeviceException("this NVRTC compiles for compute_" + supported[0] + " and newer; the device is "
                    + "compute_" + capability + ": name an older NVRTC with -D" + NvrtcLibrary.PROPERTY + "=PATH");
        }
        return best;
    }

    /**
     * Compiles {@code source} for {@code compute_<arch>} with {@code defines} ({@code NAME=VALUE}) and
     * returns the PTX; a failure throws {@link CudaException} carrying NVRTC's whole log.
     *
     * @param name names the program in NVRTC's messages (a file name such as {@code mf.cu})
     */
    public static String compile(String source, String name, int arch, List<String> defines) {
        List<String> options = new ArrayList<>();
        options.add("--gpu-architecture=compute_" + arch);
        for (String d : defines) {
            options.add("-D" + d);
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment slot = call.allocate(ValueLayout.ADDRESS); // nvrtcProgram*, as create and destroy take it
            Nvrtc.nvrtcCreateProgram(slot, source, name);
            MemorySegment program = slot.get(ValueLayout.ADDRESS, 0);
            try {
                Nvrtc.nvrtcCompileProgram(program, options);
                return Nvrtc.nvrtcGetPTX(program);
            } catch (CudaException e) {
                if (!e.function().equals("nvrtcCompileProgram")) {
                    throw e;
                }
                throw new CudaException(e.function(), e.code(), e.errorName(), null,
                        name + " with options " + String.join(" ", options), Nvrtc.nvrtcGetProgramLog(program));
            } finally {
                Nvrtc.nvrtcDestroyProgram(slot);
            }
        }
    }
}
