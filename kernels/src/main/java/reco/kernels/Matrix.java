package reco.kernels;

/**
 * A dense row-major float32 matrix in a device buffer: {@code rows × cols}, element (r, c) at
 * float offset {@code r * cols + c}.
 */
public record Matrix(DeviceBuffer buffer, int rows, int cols) {

    public Matrix {
        if (rows < 0 || cols <= 0) {
            throw new IllegalArgumentException("matrix shape " + rows + " × " + cols);
        }
        if (buffer.byteSize() < (long) rows * cols * Float.BYTES) {
            throw new IllegalArgumentException("buffer of " + buffer.byteSize() + " bytes is too small for "
                    + rows + " × " + cols + " float32");
        }
    }

    public long byteSize() {
        return (long) rows * cols * Float.BYTES;
    }
}
