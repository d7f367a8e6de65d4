package reco.kernels.cuda.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where NVRTC is looked for, in order. */
class NvrtcLibraryTest {

    @Test
    void sonamesNewestFirstAfterTheUnversionedOne() {
        assertEquals(List.of("libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1",
                "libnvrtc.so.11.0"), NvrtcLibrary.SONAMES);
        if (System.getProperty(NvrtcLibrary.PROPERTY) == null) {
            List<String> c = NvrtcLibrary.candidates();
            assertEquals(NvrtcLibrary.SONAMES, c.subList(0, NvrtcLibrary.SONAMES.size()));
            assertEquals("/usr/local/cuda/lib64/libnvrtc.so", c.get(NvrtcLibrary.SONAMES.size()));
        } else {
            assertEquals(List.of(System.getProperty(NvrtcLibrary.PROPERTY)), NvrtcLibrary.candidates());
        }
    }

    @Test
    void toolkitFoldersNewestVersionFirst(@TempDir Path dir) throws IOException {
        for (String v : List.of("cuda-11.8", "cuda-12.10", "cuda-12.9", "cuda-13.0", "cudnn")) {
            Files.createDirectory(dir.resolve(v));
        }
        List<String> names = NvrtcLibrary.toolkits(dir).stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("cuda-13.0", "cuda-12.10", "cuda-12.9", "cuda-11.8"), names);
        assertTrue(NvrtcLibrary.toolkits(dir.resolve("missing")).isEmpty());
    }
}
