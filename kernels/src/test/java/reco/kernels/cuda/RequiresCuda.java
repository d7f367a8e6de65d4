package reco.kernels.cuda;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a CUDA device: it is skipped, with the reason, where there is none,
 * and fails where the run demands one ({@code RECO_REQUIRE_CUDA=1}, as the GPU check sets).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("cuda")
@ExtendWith(CudaGate.class)
@interface RequiresCuda {
}
