package reco.engine.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reco.engine.data.IdIndex;
import reco.engine.model.Safetensors.Dtype;
import reco.engine.model.Safetensors.Tensor;

/**
 * Saves and loads a model folder: {@code model.safetensors} (the parameters and the external ids, see
 * {@link Safetensors}) and {@code manifest.json} ({@link Manifest}, with the size and SHA-256 of the
 * tensor file). Tensors: {@code user_factors} [users, factors] F32, {@code item_factors} [items, factors]
 * F32, {@code user_bias} [users] F32, {@code item_bias} [items] F32, {@code global_mean} [1] F32,
 * {@code user_ids} [users] I64 and {@code item_ids} [items] I64, the external ids in dense-index order.
 *
 * <p>Each file is replaced atomically ({@link AtomicFile}) and the manifest is written last, so a
 * folder with a manifest holds a complete model; a load checks the format version, size and checksum
 * before it trusts a byte, then checks every tensor's shape against the manifest.
 */
public final class ModelFiles {
    public static final String MODEL_FILE = "model.safetensors";
    public static final String MANIFEST_FILE = "manifest.json";
    /** Written to the safetensors metadata so that other tools can tell what the file holds. */
    static final String FORMAT_NAME = "reco-mf";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Indented with "\n" whatever the platform, so that the same model gives the same manifest bytes. */
    private static final ObjectWriter MANIFEST_WRITER = JSON.writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private ModelFiles() {
    }

    /**
     * Saves {@code model} into {@code dir} (created if missing), replacing any model there.
     *
     * @param manifest how the model was made; the fields that describe the file (format version,
     *                 biased, factors, users, items, size, checksum) are taken from the model and the
     *                 file written, and {@code created} is set to now when null
     * @return the manifest as written
     */
    public static Manifest save(Path dir, MfModel model, Manifest manifest) {
        Path modelFile = dir.resolve(MODEL_FILE);
        Path manifestFile = dir.resolve(MANIFEST_FILE);
        try {
            Files.createDirectories(dir);
            // Remove the old manifest first: a crash between the two renames must leave a folder without a
            // manifest (incomplete, said so on load), not an old manifest beside a new tensor file.
            Files.deleteIfExists(manifestFile);
            long[] bytes = new long[1];
            String[] sha256 = new String[1];
            AtomicFile.write(modelFile, channel -> {
                bytes[0] = Safetensors.write(channel, metadata(model), tensors(model));
                sha256[0] = hash(channel, bytes[0]);
            });
            Manifest written = manifest.describing(model, sha256[0], bytes[0]);
            byte[] json = (MANIFEST_WRITER.writeValueAsString(written) + "\n").getBytes(StandardCharsets.UTF_8);
            AtomicFile.write(manifestFile, channel -> {
                ByteBuffer buffer = ByteBuffer.wrap(json);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            });
            return written;
        } catch (IOException e) {
            throw new ModelFileException("cannot save the model to " + dir + ": " + e
                    + " (check that the folder is writable and the disk has room)", e);
        }
    }

    private static Map<String, String> metadata(MfModel model) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT_NAME);
        metadata.put("format_version", Integer.toString(Manifest.CURRENT_FORMAT_VERSION));
        metadata.put("biased", Boolean.toString(model.biased()));
        return metadata;
    }

    private static List<Tensor> tensors(MfModel model) {
        long users = model.users();
        long items = model.items();
        long factors = model.factors();
        return List.of(
                new Tensor("user_factors", Dtype.F32, new long[] {users, factors}, model.userFactors()),
                new Tensor("item_factors", Dtype.F32, new long[] {items, factors}, model.itemFactors()),
                new Tensor("user_bias", Dtype.F32, new long[] {users}, model.userBias()),
                new Tensor("item_bias", Dtype.F32, new long[] {items}, model.itemBias()),
                new Tensor("global_mean", Dtype.F32, new long[] {1},
                        MemorySegment.ofArray(new float[] {model.globalMean()})),
                new Tensor("user_ids", Dtype.I64, new long[] {users}, MemorySegment.ofArray(model.userIds().ids())),
                new Tensor("item_ids", Dtype.I64, new long[] {items}, MemorySegment.ofArray(model.itemIds().ids())));
    }

    static String hash(FileChannel channel, long bytes) throws IOException {
        // Call scope: the mapping is needed only while hashing.
        try (Arena arena = Arena.ofConfined()) {
            return Sha256.hex(channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes, arena));
        }
    }

    /**
     * Loads the model folder {@code dir}.
     *
     * @throws ModelFileException when the folder or a file is missing, of another format version,
     *                            damaged, or inconsistent with its manifest
     */
    public static LoadedModel load(Path dir) {
        String fix = "train a model first with `reco train --out " + dir + "`";
        if (!Files.isDirectory(dir)) {
            throw new ModelFileException("no model folder at " + dir + ": " + fix);
        }
        Path manifestFile = dir.resolve(MANIFEST_FILE);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ModelFileException("no " + MANIFEST_FILE + " in " + dir
                    + " (no model was saved there, or its save did not finish): " + fix);
        }
        Manifest manifest = readManifest(manifestFile);
        Path modelFile = dir.resolve(MODEL_FILE);
        if (!Files.isRegularFile(modelFile)) {
            throw new ModelFileException(modelFile + " is missing beside its manifest: restore it or " + fix);
        }
        return new LoadedModel(readModel(modelFile, manifest), manifest);
    }

    private static Manifest readManifest(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new ModelFileException(file + " is not valid JSON (" + where + Safetensors.oneLine(e)
                    + "): retrain or restore it", e);
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e, e);
        }
        JsonNode version = root == null ? null : root.get("format_version");
        if (version == null || !version.isInt()) {
            throw new ModelFileException(file + " has no integer format_version, so it is not a reco model manifest: "
                    + "retrain or restore it");
        }
        if (version.intValue() != Manifest.CURRENT_FORMAT_VERSION) {
            throw new ModelFileException(file + " is model format version " + version.intValue()
                    + ", but this reco reads format version " + Manifest.CURRENT_FORMAT_VERSION
                    + ": use the reco release that wrote it, or retrain");
        }
        Manifest manifest;
        try {
            manifest = JSON.treeToValue(root, Manifest.class);
        } catch (JacksonException e) {
            throw new ModelFileException(file + " is damaged (" + Safetensors.oneLine(e) + "): retrain or restore it", e);
        }
        if (manifest.modelSha256() == null || manifest.factors() <= 0 || manifest.users() < 0 || manifest.items() < 0) {
            throw new ModelFileException(file + " is damaged (model_sha256, factors, users or items missing or "
                    + "invalid): retrain or restore it");
        }
        return manifest;
    }

    private static MfModel readModel(Path file, Manifest manifest) {
        // Call scope: the file is mapped only while the tensors are checked and copied out.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            long size = channel.size();
            long expected = manifest.modelBytes();
            if (size != expected) {
                throw Safetensors.damaged(file, size < expected
                        ? "truncated: " + size + " of " + expected + " bytes"
                        : size + " bytes where the manifest says " + expected);
            }
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            if (!Sha256.hex(mapped).equals(manifest.modelSha256())) {
                throw Safetensors.damaged(file, "checksum mismatch");
            }
            return toModel(Safetensors.read(mapped, file).tensors(), manifest, file);
        } catch (IOException e) {
            throw new ModelFileException("cannot read " + file + ": " + e, e);
        }
    }

    private static MfModel toModel(Map<String, Tensor> tensors, Manifest manifest, Path file) {
        long users = manifest.users();
        long items = manifest.items();
        long factors = manifest.factors();
        Tensor userFactors = expect(tensors, "user_factors", Dtype.F32, new long[] {users, factors}, file);
        Tensor itemFactors = expect(tensors, "item_factors", Dtype.F32, new long[] {items, factors}, file);
        Tensor userBias = expect(tensors, "user_bias", Dtype.F32, new long[] {users}, file);
        Tensor itemBias = expect(tensors, "item_bias", Dtype.F32, new long[] {items}, file);
        Tensor globalMean = expect(tensors, "global_mean", Dtype.F32, new long[] {1}, file);
        IdIndex userIds = ids(expect(tensors, "user_ids", Dtype.I64, new long[] {users}, file), file);
        IdIndex itemIds = ids(expect(tensors, "item_ids", Dtype.I64, new long[] {items}, file), file);
        MfModel model = MfModel.allocate(userIds, itemIds, manifest.factors(), manifest.biased());
        userFactors.copyTo(model.userFactors());
        itemFactors.copyTo(model.itemFactors());
        userBias.copyTo(model.userBias());
        itemBias.copyTo(model.itemBias());
        float[] mu = new float[1];
        globalMean.copyTo(MemorySegment.ofArray(mu));
        model.setGlobalMean(mu[0]);
        return model;
    }

    private static Tensor expect(Map<String, Tensor> tensors, String name, Dtype dtype, long[] shape, Path file) {
        Tensor t = tensors.get(name);
        String expected = dtype + " " + Arrays.toString(shape);
        if (t == null) {
            throw mismatch(file, "no tensor " + name + ", expected " + expected);
        }
        if (t.dtype() != dtype || !Arrays.equals(t.shape(), shape)) {
            throw mismatch(file, name + " is " + t.dtype() + " " + Arrays.toString(t.shape())
                    + " where the manifest implies " + expected);
        }
        return t;
    }

    /** The ids of a tensor, which must ascend strictly: {@link IdIndex} numbers ids by rank. */
    private static IdIndex ids(Tensor tensor, Path file) {
        long[] ids = new long[Math.toIntExact(tensor.elements())];
        tensor.copyTo(MemorySegment.ofArray(ids));
        for (int i = 1; i < ids.length; i++) {
            if (ids[i] <= ids[i - 1]) {
                throw Safetensors.damaged(file, tensor.name() + " do not ascend at index " + i);
            }
        }
        return IdIndex.of(ids);
    }

    private static ModelFileException mismatch(Path file, String detail) {
        return new ModelFileException(file + " does not match its " + MANIFEST_FILE + " (" + detail
                + "): retrain or restore the folder");
    }
}
