package reco.engine.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import reco.engine.model.Safetensors.Dtype;
import reco.engine.model.Safetensors.Tensor;

/**
 * A checkpoint folder: float32 tensors in {@code state-NNNNNN-TAG.safetensors} and, as the commit point,
 * {@code checkpoint.json} naming that file with its size and SHA-256 beside a JSON state of the caller's.
 *
 * <p>Never half-written, and the last good checkpoint always survives: each save writes a new state
 * file under a new name (the generation NNNNNN counts up), flushed and renamed into place
 * ({@link AtomicFile}); only then is {@code checkpoint.json} replaced, atomically, to point at it; only
 * then are older state files deleted. A process killed at any moment leaves {@code checkpoint.json}
 * naming a complete state file — the new one or the previous one. A load checks the format version,
 * the size and the checksum before it trusts a byte.
 */
public final class CheckpointFiles {
    public static final String INDEX_FILE = "checkpoint.json";
    /** The format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    static final String FORMAT_NAME = "reco-checkpoint";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern STATE_FILE = Pattern.compile("state-(\\d{6})-[a-z0-9-]+\\.safetensors");

    /** A named float32 tensor to save, in host byte order. */
    public record FloatTensor(String name, long[] shape, MemorySegment data) {
    }

    /**
     * What {@code checkpoint.json} holds.
     *
     * @param formatVersion {@link #FORMAT_VERSION} of the writer
     * @param created       when the checkpoint was saved, ISO-8601 UTC
     * @param stateFile     the tensor file's name in the folder
     * @param stateSha256   its SHA-256, lower-case hex
     * @param stateBytes    its size
     * @param state         the caller's state (training progress, settings)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Index(int formatVersion, String created, String stateFile, String stateSha256, long stateBytes,
                 JsonNode state) {
    }

    private CheckpointFiles() {
    }

    /**
     * Saves {@code tensors} and {@code state} (any object Jackson can write) into {@code dir}, created if
     * missing, replacing the checkpoint there only once the new one is complete.
     *
     * @param tag a few lowercase letters, digits or dashes for the state file's name, e.g. {@code search-e0012}
     */
    public static void save(Path dir, String tag, Object state, List<FloatTensor> tensors) {
        try {
            Files.createDirectories(dir);
            String name = String.format("state-%06d-%s.safetensors", nextGeneration(dir), tag);
            if (!STATE_FILE.matcher(name).matches()) {
                throw new IllegalArgumentException("checkpoint tag '" + tag + "' has characters other than a-z, 0-9 and -");
            }
            long[] bytes = new long[1];
            String[] sha256 = new String[1];
            List<Tensor> list = tensors.stream().map(t -> new Tensor(t.name(), Dtype.F32, t.shape(), t.data())).toList();
            AtomicFile.write(dir.resolve(name), channel -> {
                bytes[0] = Safetensors.write(channel, Map.of("format", FORMAT_NAME,
                        "format_version", Integer.toString(FORMAT_VERSION)), list);
                sha256[0] = ModelFiles.hash(channel, bytes[0]);
            });
            Index index = new Index(FORMAT_VERSION, Instant.now().toString(), name, sha256[0], bytes[0],
                    JSON.valueToTree(state));
            byte[] json = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(dir.resolve(INDEX_FILE), channel -> {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            });
            deleteAllBut(dir, name);
        } catch (IOException e) {
            throw new ModelFileException("cannot save a checkpoint to " + dir + ": " + e
                    + " (check that the folder is writable and the disk has room)", e);
        }
    }

    private static int nextGeneration(Path dir) throws IOException {
        int max = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = STATE_FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        return max + 1;
    }

    /** Older state files, and temporary files a killed save left behind. */
    private static void deleteAllBut(Path dir, String keep) throws IOException {
        List<Path> old = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> {
                String n = f.getFileName().toString();
                return (STATE_FILE.matcher(n).matches() && !n.equals(keep)) || (n.startsWith(".") && n.endsWith(".tmp"));
            }).forEach(old::add);
        }
        for (Path f : old) {
            Files.deleteIfExists(f);
        }
    }

    /**
     * Loads the checkpoint in {@code dir}.
     *
     * @throws ModelFileException when it is missing, of another format version, damaged or truncated
     */
    public static Loaded load(Path dir) {
        String fix = "give the folder that --checkpoint-every wrote (it holds " + INDEX_FILE + ")";
        if (!Files.isDirectory(dir)) {
            throw new ModelFileException("no checkpoint folder at " + dir + ": " + fix);
        }
        Path indexFile = dir.resolve(INDEX_FILE);
        if (!Files.isRegularFile(indexFile)) {
            throw new ModelFileException("no " + INDEX_FILE + " in " + dir + " (no checkpoint was saved there yet): " + fix);
        }
        Index index = readIndex(indexFile);
        Path stateFile = dir.resolve(index.stateFile());
        if (!Files.isRegularFile(stateFile)) {
            throw new ModelFileException(stateFile + " is missing beside " + INDEX_FILE + ": restore it, or train from the start");
        }
        return Loaded.open(stateFile, index);
    }

    private static Index readIndex(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new ModelFileException(file + " is not valid JSON (" + Safetensors.oneLine(e)
                    + "): restore it, or train from the start", e);
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e, e);
        }
        JsonNode version = root == null ? null : root.get("format_version");
        if (version == null || !version.isInt()) {
            throw new ModelFileException(file + " has no integer format_version, so it is not a reco checkpoint: "
                    + "restore it, or train from the start");
        }
        if (version.intValue() != FORMAT_VERSION) {
            throw new ModelFileException(file + " is checkpoint format version " + version.intValue()
                    + ", but this reco reads version " + FORMAT_VERSION + ": resume with the reco release that wrote it, "
                    + "or train from the start");
        }
        try {
            Index index = JSON.treeToValue(root, Index.class);
            if (index.stateFile() == null || !STATE_FILE.matcher(index.stateFile()).matches()
                    || index.stateSha256() == null || index.state() == null) {
                throw new ModelFileException(file + " is damaged (state_file, state_sha256 or state missing or invalid): "
                        + "restore it, or train from the start");
            }
            return index;
        } catch (JacksonException e) {
            throw new ModelFileException(file + " is damaged (" + Safetensors.oneLine(e) + "): restore it, or train from the start", e);
        }
    }

    /** A checkpoint read back: the caller's state and the tensors, mapped until {@link #close()}. */
    public static final class Loaded implements AutoCloseable {
        private final Arena arena; // object scope: the state file stays mapped while the tensors are copied out
        private final Path file;
        private final JsonNode state;
        private final Map<String, Tensor> tensors;

        private Loaded(Arena arena, Path file, JsonNode state, Map<String, Tensor> tensors) {
            this.arena = arena;
            this.file = file;
            this.state = state;
            this.tensors = tensors;
        }

        private static Loaded open(Path file, Index index) {
            Arena arena = Arena.ofShared();
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size != index.stateBytes()) {
                    throw Safetensors.damaged(file, size < index.stateBytes()
                            ? "truncated: " + size + " of " + index.stateBytes() + " bytes"
                            : size + " bytes where " + INDEX_FILE + " says " + index.stateBytes());
                }
                MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
                if (!Sha256.hex(mapped).equals(index.stateSha256())) {
                    throw Safetensors.damaged(file, "checksum mismatch");
                }
                return new Loaded(arena, file, index.state(), Safetensors.read(mapped, file).tensors());
            } catch (IOException e) {
                arena.close();
                throw new ModelFileException("cannot read " + file + ": " + e, e);
            } catch (RuntimeException e) {
                arena.close();
                throw e;
            }
        }

        /** The state as saved, read as {@code type}; a {@link ModelFileException} when it does not fit. */
        public <T> T state(Class<T> type) {
            try {
                return JSON.treeToValue(state, type);
            } catch (JacksonException e) {
                throw new ModelFileException(file.resolveSibling(INDEX_FILE) + " is damaged (" + Safetensors.oneLine(e)
                        + "): restore it, or train from the start", e);
            }
        }

        /** Copies tensor {@code name} into {@code dst}, whose size must match its float32 shape {@code shape}. */
        public void copyTo(String name, long[] shape, MemorySegment dst) {
            Tensor t = tensors.get(name);
            if (t == null || t.dtype() != Dtype.F32 || !Arrays.equals(t.shape(), shape)) {
                throw Safetensors.damaged(file, t == null ? "no tensor " + name
                        : name + " is " + t.dtype() + " " + Arrays.toString(t.shape()) + ", expected F32 "
                        + Arrays.toString(shape));
            }
            t.copyTo(dst);
        }

        @Override
        public void close() {
            if (arena.scope().isAlive()) {
                arena.close();
            }
        }
    }
}
