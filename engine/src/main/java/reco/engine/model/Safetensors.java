package reco.engine.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (huggingface/safetensors, README "Format"): an 8-byte little-endian header
 * length N, N bytes of UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets"}}
 * plus an optional {@code "__metadata__"} string map, then the tensors' raw little-endian bytes, with
 * offsets relative to the end of the header. Only the two dtypes a model needs, F32 and I64, are read.
 */
final class Safetensors {
    /** The format's own bound on the header, against a damaged length asking for gigabytes. */
    static final long MAX_HEADER_BYTES = 100_000_000;
    static final String METADATA = "__metadata__";

    private static final ValueLayout.OfLong HEADER_LENGTH =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long STAGING_BYTES = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Element types, with their layout in host memory and in the file. */
    enum Dtype {
        F32(ValueLayout.JAVA_FLOAT_UNALIGNED),
        I64(ValueLayout.JAVA_LONG_UNALIGNED);

        final ValueLayout host;
        final ValueLayout file;

        Dtype(ValueLayout host) {
            this.host = host;
            this.file = host.withOrder(ByteOrder.LITTLE_ENDIAN);
        }

        long size() {
            return host.byteSize();
        }
    }

    /**
     * A named tensor. To write, {@code data} is in host byte order; read back, it is a slice of the file
     * in little-endian order, to be copied out with {@link #copyTo}.
     */
    record Tensor(String name, Dtype dtype, long[] shape, MemorySegment data) {
        Tensor {
            shape = shape.clone();
            if (data.byteSize() != elements(shape) * dtype.size()) {
                throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape)
                        + " has " + data.byteSize() + " bytes of " + dtype);
            }
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        long elements() {
            return elements(shape);
        }

        /** Copies a tensor read from a file into {@code dst}, in host byte order. */
        void copyTo(MemorySegment dst) {
            MemorySegment.copy(data, dtype.file, 0, dst, dtype.host, 0, elements());
        }

        private static long elements(long[] shape) {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    /** A file's metadata and tensors by name, in file order. */
    record Contents(Map<String, String> metadata, Map<String, Tensor> tensors) {
    }

    private Safetensors() {
    }

    /**
     * Writes a safetensors file to {@code channel}. Tensors are laid out widest dtype first (stable
     * otherwise), and the header is padded with spaces to a multiple of 8, so that every tensor starts
     * at an offset that is a multiple of its element size, as a reader that maps the file needs.
     *
     * @return the number of bytes written
     */
    static long write(FileChannel channel, Map<String, String> metadata, List<Tensor> tensors) throws IOException {
        List<Tensor> ordered = new ArrayList<>(tensors);
        ordered.sort(Comparator.comparingLong((Tensor t) -> t.dtype().size()).reversed());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put(METADATA, metadata);
        long offset = 0;
        for (Tensor t : ordered) {
            long end = offset + t.data().byteSize();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", t.dtype().name());
            entry.put("shape", t.shape());
            entry.put("data_offsets", new long[] {offset, end});
            header.put(t.name(), entry);
            offset = end;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) & ~7;
        ByteBuffer head = ByteBuffer.allocate(Long.BYTES + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        writeFully(channel, head.flip());
        // Call scope: one staging buffer converts every tensor to little-endian on its way out.
        try (Arena staging = Arena.ofConfined()) {
            MemorySegment buffer = staging.allocate(STAGING_BYTES, Long.BYTES);
            for (Tensor t : ordered) {
                writeData(channel, t, buffer);
            }
        }
        return Long.BYTES + padded + offset;
    }

    private static void writeData(FileChannel channel, Tensor t, MemorySegment buffer) throws IOException {
        long size = t.dtype().size();
        long perChunk = buffer.byteSize() / size;
        for (long at = 0, n = t.elements(); at < n; at += perChunk) {
            long count = Math.min(perChunk, n - at);
            MemorySegment.copy(t.data(), t.dtype().host, at * size, buffer, t.dtype().file, 0, count);
            writeFully(channel, buffer.asSlice(0, count * size).asByteBuffer());
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /**
     * Parses and checks a whole safetensors file held in {@code file}: the header is well-formed, every
     * dtype is F32 or I64, every tensor's byte range matches its shape, and the ranges tile the data
     * exactly, with no gap, overlap or trailing bytes. The tensors are slices of {@code file}.
     */
    static Contents read(MemorySegment file, Path path) {
        long size = file.byteSize();
        if (size < Long.BYTES) {
            throw damaged(path, "only " + size + " bytes, shorter than the header length");
        }
        long n = file.get(HEADER_LENGTH, 0);
        if (n < 2 || n > MAX_HEADER_BYTES || n > size - Long.BYTES) {
            throw damaged(path, "header length " + n + " does not fit a file of " + size + " bytes");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.asSlice(Long.BYTES, n).toArray(ValueLayout.JAVA_BYTE));
        } catch (IOException e) {
            throw damaged(path, "header is not valid JSON: " + oneLine(e));
        }
        if (root == null || !root.isObject()) {
            throw damaged(path, "header is not a JSON object");
        }
        MemorySegment data = file.asSlice(Long.BYTES + n);
        Map<String, String> metadata = Map.of();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (field.getKey().equals(METADATA)) {
                metadata = metadata(field.getValue(), path);
            } else {
                tensors.put(field.getKey(), tensor(field.getKey(), field.getValue(), data, path));
            }
        }
        checkTiling(tensors.values(), data, path);
        return new Contents(metadata, tensors);
    }

    private static Map<String, String> metadata(JsonNode node, Path path) {
        if (!node.isObject()) {
            throw damaged(path, METADATA + " is not a JSON object");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw damaged(path, METADATA + " value " + e.getKey() + " is not a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        return metadata;
    }

    private static Tensor tensor(String name, JsonNode node, MemorySegment data, Path path) {
        Dtype dtype;
        try {
            dtype = Dtype.valueOf(node.path("dtype").asText());
        } catch (IllegalArgumentException e) {
            throw damaged(path, "tensor " + name + " has dtype '" + node.path("dtype").asText()
                    + "', expected F32 or I64");
        }
        long[] shape = longs(node.path("shape"), -1, name + ".shape", path);
        long[] offsets = longs(node.path("data_offsets"), 2, name + ".data_offsets", path);
        if (offsets[0] > offsets[1] || offsets[1] > data.byteSize()) {
            throw damaged(path, "tensor " + name + " spans bytes " + offsets[0] + ".." + offsets[1]
                    + " of " + data.byteSize() + " (truncated?)");
        }
        try {
            return new Tensor(name, dtype, shape, data.asSlice(offsets[0], offsets[1] - offsets[0]));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw damaged(path, "tensor " + name + " of shape " + Arrays.toString(shape) + " and dtype " + dtype
                    + " does not fit bytes " + offsets[0] + ".." + offsets[1]);
        }
    }

    private static long[] longs(JsonNode node, int expectedLength, String what, Path path) {
        if (!node.isArray() || (expectedLength >= 0 && node.size() != expectedLength)) {
            throw damaged(path, what + " is not an array" + (expectedLength >= 0 ? " of " + expectedLength : ""));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw damaged(path, what + " holds " + v + ", not a non-negative integer");
            }
            values[i] = v.longValue();
        }
        return values;
    }

    private static void checkTiling(Iterable<Tensor> tensors, MemorySegment data, Path path) {
        List<Tensor> byStart = new ArrayList<>();
        tensors.forEach(byStart::add);
        byStart.sort(Comparator.comparingLong(t -> (t.data().address() - data.address())));
        long expected = 0;
        for (Tensor t : byStart) {
            if ((t.data().address() - data.address()) != expected) {
                throw damaged(path, "tensor " + t.name() + " does not start where the previous one ends");
            }
            expected += t.data().byteSize();
        }
        if (expected != data.byteSize()) {
            throw damaged(path, (data.byteSize() - expected) + " bytes of data belong to no tensor");
        }
    }

    static ModelFileException damaged(Path path, String detail) {
        return new ModelFileException(path + " is damaged (" + detail + "): retrain or restore it");
    }

    static String oneLine(Exception e) {
        String m = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        return String.valueOf(m).replaceAll("\\s+", " ").strip();
    }
}
