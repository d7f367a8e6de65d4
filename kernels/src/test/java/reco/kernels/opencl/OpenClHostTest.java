package reco.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import reco.kernels.DeviceUnavailableException;
import reco.kernels.opencl.ffi.ClStatus;

/** The parts of the OpenCL backend that need no OpenCL: the status names and spec parsing. */
class OpenClHostTest {

    @Test
    void statusNamesFollowTheHeader() {
        assertEquals("CL_SUCCESS", ClStatus.name(0));
        assertEquals("CL_DEVICE_NOT_FOUND", ClStatus.name(-1));
        assertEquals("CL_BUILD_PROGRAM_FAILURE", ClStatus.name(-11));
        assertEquals("CL_KERNEL_ARG_INFO_NOT_AVAILABLE", ClStatus.name(-19));
        assertEquals("CL_INVALID_VALUE", ClStatus.name(-30));
        assertEquals("CL_INVALID_KERNEL_ARGS", ClStatus.name(-52));
        assertEquals("CL_INVALID_GLOBAL_WORK_SIZE", ClStatus.name(-63));
        assertEquals("CL_MAX_SIZE_RESTRICTION_EXCEEDED", ClStatus.name(-72));
        assertEquals("CL_PLATFORM_NOT_FOUND_KHR", ClStatus.name(-1001));
        assertEquals("unknown OpenCL status", ClStatus.name(-20));
        assertEquals("unknown OpenCL status", ClStatus.name(7));
    }

    /** Every core code of OpenCL 3.0 (0 to -19, -30 to -72) has a name of its own. */
    @Test
    void theCoreTableIsCompleteAndHasNoDuplicates() {
        Set<String> names = new HashSet<>();
        for (int code = 0; code >= -72; code--) {
            if (code <= -20 && code > -30) {
                continue;
            }
            String name = ClStatus.name(code);
            assertTrue(name.startsWith("CL_"), code + " has no name");
            assertTrue(names.add(name), name + " names two codes");
        }
        assertEquals(63, names.size());
    }

    @Test
    void specsParse() {
        assertEquals(new OpenClSpec(-1, -1), OpenClSpec.parse("opencl"));
        assertEquals(new OpenClSpec(2, -1), OpenClSpec.parse("opencl:2"));
        assertEquals(new OpenClSpec(1, 3), OpenClSpec.parse("opencl:1:3"));
    }

    @Test
    void malformedSpecsSayWhatIsAccepted() {
        for (String bad : new String[] {"opencl:x", "opencl:", "opencl:1:", "opencl:-1", "opencl:1:2:3", "opencl:0:y",
                                        "openclx"}) {
            DeviceUnavailableException e = assertThrows(DeviceUnavailableException.class, () -> OpenClSpec.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'") && e.getMessage().contains("opencl:PLATFORM:DEVICE"),
                    e.getMessage());
        }
    }
}
