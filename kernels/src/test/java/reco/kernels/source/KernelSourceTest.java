package reco.kernels.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import reco.kernels.DeviceException;
import reco.kernels.source.KernelSignature.Kind;
import reco.kernels.source.KernelSource.Dialect;

/** Assembly of the shared sources for each dialect, and the kernel signatures read back from them. */
class KernelSourceTest {
    static final List<String> OPS = List.of("mf.cl", "sgd.cl", "blocks.cl", "kmeans.cl", "topk.cl");

    @Test
    void eachDialectBuildsItsPreludeThenCommonThenTheOp() {
        for (String op : OPS) {
            List<String> parts = KernelSource.parts(Dialect.OPENCL, op);
            assertEquals(3, parts.size());
            assertTrue(parts.get(0).contains("#define KERNEL kernel"), "OpenCL prelude first");
            assertTrue(parts.get(1).contains("INLINE float dot_row"), "common.cl second");
            assertTrue(parts.get(2).contains("KERNEL void"), op + " last");
            String cuda = KernelSource.assemble(Dialect.CUDA, op);
            int prelude = cuda.indexOf("#line 1 \"cuda.h\"");
            int common = cuda.indexOf("#line 1 \"common.cl\"");
            int own = cuda.indexOf("#line 1 \"" + op + "\"");
            assertTrue(prelude == 0 && common > prelude && own > common, "cuda.h, common.cl, " + op + " in order");
            assertTrue(cuda.contains("#define KERNEL extern \"C\" __global__"), "kernels keep their names for the driver");
        }
    }

    /** The op files are written once, in the prelude's words: no OpenCL-only qualifier is left bare. */
    @Test
    void opSourcesUseOnlyThePreludesQualifiers() {
        for (String file : List.of("common.cl", "mf.cl", "sgd.cl", "blocks.cl", "kmeans.cl", "topk.cl")) {
            String code = KernelSource.read(file).replaceAll("(?s)/\\*.*?\\*/", "");
            for (String bare : List.of("\\bkernel void", "\\bglobal (const|int|float)", "\\blocal (int|float)",
                                       "^inline ", "\\(floatv\\)")) {
                assertTrue(java.util.regex.Pattern.compile(bare, java.util.regex.Pattern.MULTILINE).matcher(code)
                        .results().findAny().isEmpty(), file + " uses '" + bare + "' instead of the prelude's macro");
            }
        }
    }

    @Test
    void aMissingSourceIsNamed() {
        DeviceException e = assertThrows(DeviceException.class, () -> KernelSource.read("nope.cl"));
        assertTrue(e.getMessage().contains("/reco/kernels/source/nope.cl"), e.getMessage());
    }

    @Test
    void vectorWidthsFollowEachDialect() {
        assertEquals(16, KernelSource.vectorWidth(Dialect.OPENCL, 64));
        assertEquals(8, KernelSource.vectorWidth(Dialect.OPENCL, 24));
        assertEquals(2, KernelSource.vectorWidth(Dialect.OPENCL, 6));
        assertEquals(1, KernelSource.vectorWidth(Dialect.OPENCL, 5));
        assertEquals(4, KernelSource.vectorWidth(Dialect.CUDA, 64));
        assertEquals(4, KernelSource.vectorWidth(Dialect.CUDA, 12));
        assertEquals(1, KernelSource.vectorWidth(Dialect.CUDA, 6));
        assertEquals(1, KernelSource.vectorWidth(Dialect.CUDA, 1));
        assertThrows(IllegalArgumentException.class, () -> KernelSource.vectorWidth(Dialect.CUDA, 0));
    }

    /** Every kernel the devices launch, with its parameter kinds in order (P pointer, I int, L long, F float). */
    @Test
    void signaturesAreReadFromTheSources() {
        Map<String, String> kinds = OPS.stream()
                .flatMap(op -> KernelSignature.parse(KernelSource.read(op)).values().stream())
                .collect(Collectors.toMap(KernelSignature::kernel, KernelSourceTest::kinds));
        assertEquals(Map.ofEntries(
                Map.entry("mf_predict", "PPLIPPPPFIIIP"),
                Map.entry("mf_sgd_hogwild", "PPPLPILIPPPPFIIIFFFPP"),
                Map.entry("mf_blocks_sgd", "PPPLPIPPPPFIIIFFFPP"),
                Map.entry("mf_blocks_adam", "PPPLPIPPPPPPPPPPPPFIIIFFFFFFFFFFPP"),
                Map.entry("mf_gather", "PPPLPILIPPPPFIIIPPPPPPPPPPIPPP"),
                Map.entry("mf_segments", "PIPIPPI"),
                Map.entry("mf_scatter", "PPPPIIPPP"),
                Map.entry("mf_apply", "PIPPIPPPPPPPPPIPPPPPPPPFFFIFFFFFFF"),
                Map.entry("kmeans_assign", "PIPIPP"),
                Map.entry("kmeans_partial", "PIPIPPP"),
                Map.entry("kmeans_reduce", "PPIIPP"),
                Map.entry("topk", "PIPIPIPIPPIIIPP")), kinds);
        KernelSignature gather = KernelSignature.parse(KernelSource.read("mf.cl")).get("mf_gather");
        assertEquals(new KernelSignature.Param("first", Kind.LONG), gather.params().get(6));
    }

    @Test
    void aParameterOfAnotherTypeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelSignature.parse("KERNEL void k(GLOBAL float* a, double x) {}"));
        assertTrue(e.getMessage().contains("k") && e.getMessage().contains("double"), e.getMessage());
        assertEquals(List.of(), KernelSignature.parse("/* KERNEL void hidden(int a) */ KERNEL void k(void) {}")
                .get("k").params());
    }

    private static String kinds(KernelSignature s) {
        return s.params().stream().map(p -> p.kind().name().substring(0, 1)).collect(Collectors.joining());
    }
}
