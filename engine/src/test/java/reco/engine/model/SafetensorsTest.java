package reco.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reco.engine.model.Safetensors.Contents;
import reco.engine.model.Safetensors.Dtype;
import reco.engine.model.Safetensors.Tensor;

class SafetensorsTest {
    private static final Path NAME = Path.of("x.safetensors");

    @TempDir
    Path temp;

    /** A file with the given header text (unpadded) and {@code dataBytes} zero bytes of data. */
    private static MemorySegment file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return MemorySegment.ofArray(b.array());
    }

    private static String damage(MemorySegment file) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> Safetensors.read(file, NAME));
        assertTrue(e.getMessage().startsWith(NAME + " is damaged ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("): retrain or restore it"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void writesWidestFirstAndReadsBackValuesAndMetadata() throws IOException {
        Path path = temp.resolve("t.safetensors");
        float[] floats = {1.5f, -2.0f, 0.25f};          // 12 bytes: a following I64 would sit at 12, unaligned
        long[] longs = {Long.MIN_VALUE, 5, Long.MAX_VALUE};
        long written;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            written = Safetensors.write(ch, Map.of("k", "v"), List.of(
                    new Tensor("f", Dtype.F32, new long[] {3}, MemorySegment.ofArray(floats)),
                    new Tensor("l", Dtype.I64, new long[] {1, 3}, MemorySegment.ofArray(longs))));
        }
        byte[] bytes = Files.readAllBytes(path);
        assertEquals(bytes.length, written);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8);
        Contents c = Safetensors.read(MemorySegment.ofArray(bytes), path);
        assertEquals(Map.of("k", "v"), c.metadata());
        assertEquals(List.of("l", "f"), List.copyOf(c.tensors().keySet()), "I64 laid out before F32");
        float[] f = new float[3];
        long[] l = new long[3];
        c.tensors().get("f").copyTo(MemorySegment.ofArray(f));
        c.tensors().get("l").copyTo(MemorySegment.ofArray(l));
        assertArrayEquals(floats, f);
        assertArrayEquals(longs, l);
        assertArrayEquals(new long[] {1, 3}, c.tensors().get("l").shape());
        // -2.0f little-endian is 00 00 00 c0: the second float starts 8 + header + 24 (longs) + 4 bytes in.
        int at = (int) (8 + headerLength + 24 + 4);
        assertArrayEquals(new byte[] {0, 0, 0, (byte) 0xc0}, Arrays.copyOfRange(bytes, at, at + 4));
    }

    @Test
    void aMinimalForeignFileReads() {
        Contents c = Safetensors.read(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), NAME);
        assertEquals(Map.of(), c.metadata());
        assertEquals(2, c.tensors().get("a").elements());
    }

    @Test
    void damagedHeadersAreRejectedWithTheReason() {
        assertTrue(damage(MemorySegment.ofArray(new byte[5])).contains("only 5 bytes"));
        MemorySegment tooLong = file("{}", 0);
        tooLong.set(ValueLayout.JAVA_BYTE, 0, (byte) 99);
        assertTrue(damage(tooLong).contains("header length 99 does not fit a file of 10 bytes"));
        assertTrue(damage(file("{\"a\": nope}", 0)).contains("header is not valid JSON"));
        assertTrue(damage(file("[1, 2]", 0)).contains("header is not a JSON object"));
        String dup = "{\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
        assertTrue(damage(file(dup, 4)).contains("Duplicate field"));
        assertTrue(damage(file("{\"__metadata__\":{\"n\":1}}", 0)).contains("__metadata__ value n is not a string"));
    }

    @Test
    void badTensorEntriesAreRejectedWithTheReason() {
        assertTrue(damage(file("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4))
                .contains("tensor a has dtype 'F16', expected F32 or I64"));
        assertTrue(damage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8))
                .contains("a.shape holds -2, not a non-negative integer"));
        assertTrue(damage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", 8))
                .contains("a.data_offsets is not an array of 2"));
        assertTrue(damage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8))
                .contains("tensor a of shape [3] and dtype F32 does not fit bytes 0..8"));
        assertTrue(damage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8))
                .contains("tensor a spans bytes 0..16 of 8 (truncated?)"));
    }

    @Test
    void tensorsMustTileTheDataExactly() {
        String gap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertTrue(damage(file(gap, 12)).contains("tensor b does not start where the previous one ends"));
        String overlap = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        assertTrue(damage(file(overlap, 8)).contains("does not start where the previous one ends"));
        String trailing = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        assertTrue(damage(file(trailing, 8)).contains("4 bytes of data belong to no tensor"));
    }
}
