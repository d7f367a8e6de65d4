package reco.kernels.opencl;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs an OpenCL device: it is skipped, with the reason, where there is none,
 * and fails where the build demands one ({@code RECO_REQUIRE_OPENCL=1}, as CI sets with PoCL).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("opencl")
@ExtendWith(OpenClGate.class)
@interface RequiresOpenCl {
}
