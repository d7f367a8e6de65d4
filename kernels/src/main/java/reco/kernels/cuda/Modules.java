package reco.kernels.cuda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reco.kernels.Releaser;
import reco.kernels.DeviceException;
import reco.kernels.cuda.ffi.CudaContext;
import reco.kernels.cuda.ffi.CudaException;
import reco.kernels.cuda.ffi.CudaFunction;
import reco.kernels.cuda.ffi.CudaModule;
import reco.kernels.cuda.ffi.CudaResult;
import reco.kernels.cuda.ffi.NvrtcLibrary;
import reco.kernels.cuda.ffi.PtxCompiler;
import reco.kernels.source.KernelSignature;
import reco.kernels.source.KernelSource;

/**
 * The shared kernel sources ({@link KernelSource}, CUDA dialect) compiled by NVRTC to PTX once per
 * device and define set, loaded as modules and kept for the device's life with the functions taken
 * from them. Every op file is compiled after the prelude {@code cuda.h} and {@code common.cl}, with
 * the row width, vector width and block size as defines, for the device's virtual architecture.
 */
final class Modules implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("reco.kernels.cuda");

    private final CudaContext context;
    private final int arch;
    private final int block;
    private final Map<String, CudaModule> modules = new LinkedHashMap<>();
    private final Map<String, CudaFunction> functions = new LinkedHashMap<>();
    private final Map<String, Map<String, KernelSignature>> signatures = new LinkedHashMap<>();

    Modules(CudaContext context, int arch, int block) {
        this.context = context;
        this.arch = arch;
        this.block = block;
    }

    /**
     * Kernel {@code name} of {@code file}, compiled for rows of {@code width} floats (and any extra
     * {@code NAME=VALUE} defines), on first use.
     */
    CudaFunction function(String file, int width, String name, String... defines) {
        List<String> all = defines(width, defines);
        String key = file + " " + all + " " + name;
        CudaFunction function = functions.get(key);
        if (function == null) {
            KernelSignature signature = signatures.computeIfAbsent(file, f -> KernelSignature.parse(KernelSource.read(f)))
                    .get(name);
            if (signature == null) {
                throw new DeviceException("kernel source " + file + " has no kernel " + name);
            }
            function = module(file, all).function(signature);
            int max = function.maxThreadsPerBlock();
            if (max < block) {
                throw new DeviceException("kernel " + name + " runs at most " + max + " threads per block on "
                        + context.gpu().name() + ", fewer than the block size " + block + ": set -D"
                        + CudaDevice.BLOCK_PROPERTY + "=" + Integer.highestOneBit(max));
            }
            CudaFunction f = function;
            LOG.log(System.Logger.Level.DEBUG, () -> "CUDA kernel " + name + " " + all + ": " + f.registers()
                    + " registers, " + f.localBytes() + " bytes of local memory per thread");
            functions.put(key, function);
        }
        return function;
    }

    private CudaModule module(String file, List<String> defines) {
        String key = file + " " + defines;
        CudaModule module = modules.get(key);
        if (module == null) {
            String name = file.replaceFirst("\\.cl$", ".cu");
            long start = System.nanoTime();
            String ptx = PtxCompiler.compile(KernelSource.assemble(KernelSource.Dialect.CUDA, file), name, arch, defines);
            try {
                module = context.load(name + " " + defines, ptx);
            } catch (CudaException e) {
                if (e.code() == CudaResult.ERROR_UNSUPPORTED_PTX_VERSION) {
                    throw new DeviceException(e.getMessage() + "; NVRTC " + PtxCompiler.version() + " ("
                            + NvrtcLibrary.loaded() + ") writes PTX newer than this driver reads: name an NVRTC no "
                            + "newer than the driver's CUDA version with -D" + NvrtcLibrary.PROPERTY + "=PATH", e);
                }
                throw e;
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            LOG.log(System.Logger.Level.DEBUG, () -> "NVRTC compiled and loaded " + name + " " + defines + " for compute_"
                    + arch + " in " + ms + " ms");
            modules.put(key, module);
        }
        return module;
    }

    private List<String> defines(int width, String... extra) {
        List<String> d = new ArrayList<>();
        d.add("WIDTH=" + width);
        d.add("VW=" + KernelSource.vectorWidth(KernelSource.Dialect.CUDA, width));
        d.add("WG=" + block);
        d.addAll(List.of(extra));
        return d;
    }

    /** Unloads the modules, newest first; their functions go with them. */
    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>(new ArrayList<>(modules.values()).reversed());
        functions.clear();
        modules.clear();
        Releaser.closeAll(all);
    }
}
