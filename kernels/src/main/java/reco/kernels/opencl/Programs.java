package reco.kernels.opencl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reco.kernels.Releaser;
import reco.kernels.DeviceException;
import reco.kernels.opencl.ffi.ClContext;
import reco.kernels.opencl.ffi.ClKernel;
import reco.kernels.opencl.ffi.ClProgram;
import reco.kernels.source.KernelSource;

/**
 * The shared kernel sources ({@link KernelSource}, OpenCL dialect) built once per device and option
 * set, and the kernel objects made from them, cached for the device's life. Every op file is built
 * after the prelude {@code opencl.h} and {@code common.cl}, with the row width, vector width and
 * work-group size as {@code -D} constants.
 */
final class Programs implements AutoCloseable {
    private final ClContext context;
    private final int workGroup;
    private final Map<String, ClProgram> programs = new LinkedHashMap<>();
    private final Map<String, ClKernel> kernels = new LinkedHashMap<>();

    Programs(ClContext context, int workGroup) {
        this.context = context;
        this.workGroup = workGroup;
    }

    /**
     * Kernel {@code name} of {@code file}, built for rows of {@code width} floats (and any extra
     * {@code -D NAME=VALUE} defines), on first use.
     */
    ClKernel kernel(String file, int width, String name, String... defines) {
        String options = options(width, defines);
        String key = file + " " + options + " " + name;
        ClKernel kernel = kernels.get(key);
        if (kernel == null) {
            kernel = program(file, options).kernel(name);
            long max = kernel.maxWorkGroupSize(context.device());
            if (max < workGroup) {
                kernel.close();
                throw new DeviceException("kernel " + name + " runs at most " + max + " work-items per group on "
                        + context.device().name() + ", fewer than the work-group size " + workGroup
                        + ": set -D" + OpenClDevice.WORK_GROUP_PROPERTY + "=" + Long.highestOneBit(max));
            }
            kernels.put(key, kernel);
        }
        return kernel;
    }

    private ClProgram program(String file, String options) {
        String key = file + " " + options;
        ClProgram program = programs.get(key);
        if (program == null) {
            program = context.buildProgram(file, KernelSource.parts(KernelSource.Dialect.OPENCL, file), options);
            programs.put(key, program);
        }
        return program;
    }

    private String options(int width, String... defines) {
        StringBuilder s = new StringBuilder()
                .append("-D WIDTH=").append(width)
                .append(" -D VW=").append(KernelSource.vectorWidth(KernelSource.Dialect.OPENCL, width))
                .append(" -D WG=").append(workGroup);
        for (String d : defines) {
            s.append(" -D ").append(d);
        }
        return s.toString();
    }

    /** Kernels, then programs, each newest first: a kernel goes before the program it came from. */
    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(new ArrayList<>(kernels.values()).reversed());
        all.addAll(new ArrayList<>(programs.values()).reversed());
        kernels.clear();
        programs.clear();
        Releaser.closeAll(all);
    }
}
