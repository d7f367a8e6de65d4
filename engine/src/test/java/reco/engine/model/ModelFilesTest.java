package reco.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    private static final long SEED = 20250101L;

    @TempDir
    Path temp;

    private Path saveRandom(Path dir, boolean biased) {
        System.out.println("ModelFilesTest seed " + SEED);
        try (MfModel model = TestModels.random(SEED, 7, 11, 5, biased)) {
            ModelFiles.save(dir, model, TestModels.manifest(SEED));
        }
        return dir;
    }

    @Test
    void saveThenLoadGivesTheSamePredictionsIdsAndManifest() {
        for (boolean biased : new boolean[] {true, false}) {
            Path dir = temp.resolve("nested/model-" + biased);
            try (MfModel model = TestModels.random(SEED, 7, 11, 5, biased)) {
                Manifest written = ModelFiles.save(dir, model, TestModels.manifest(SEED));
                try (LoadedModel loaded = ModelFiles.load(dir)) {
                    MfModel back = loaded.model();
                    assertEquals(biased, back.biased());
                    assertEquals(model.globalMean(), back.globalMean());
                    assertArrayEquals(model.userIds().ids(), back.userIds().ids());
                    assertArrayEquals(model.itemIds().ids(), back.itemIds().ids());
                    for (int u = 0; u < model.users(); u++) {
                        for (int i = 0; i < model.items(); i++) {
                            assertEquals(Float.floatToRawIntBits(model.predict(u, i)),
                                    Float.floatToRawIntBits(back.predict(u, i)), "u" + u + " i" + i);
                        }
                    }
                    assertEquals(written, loaded.manifest());
                }
            }
        }
    }

    @Test
    void manifestRecordsTheTrainingAndTheFile() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        Manifest m;
        try (LoadedModel loaded = ModelFiles.load(dir)) {
            m = loaded.manifest();
        }
        assertEquals(1, m.formatVersion());
        assertEquals(SEED, m.seed());
        assertEquals(0.01, m.hyperParameters().get("learning_rate"));
        assertEquals(20, m.hyperParameters().get("epochs"));
        assertEquals(0.871, m.metrics().get("rmse"));
        assertEquals(List.of(new EpochStats(1, 1.25, 0.95, 0.5), new EpochStats(2, 0.75, null, 0.25)),
                m.trainingHistory());
        assertNull(m.trainingHistory().get(1).validationRmse());
        assertEquals(7, m.users());
        assertEquals(11, m.items());
        assertEquals(5, m.factors());
        assertEquals(Files.size(dir.resolve(ModelFiles.MODEL_FILE)), m.modelBytes());
        assertEquals(64, m.modelSha256().length());
        String json = Files.readString(dir.resolve(ModelFiles.MANIFEST_FILE));
        for (String name : new String[] {"\"format_version\"", "\"created\"", "\"hyper_parameters\"", "\"seed\"",
                "\"data_fingerprint\"", "\"metrics\"", "\"training_history\"", "\"train_loss\"",
                "\"validation_rmse\"", "\"biased\"", "\"model_sha256\"", "\"model_bytes\""}) {
            assertTrue(json.contains(name), name + " in " + json);
        }
    }

    @Test
    void saveLeavesOnlyTheTwoFilesAndReplacesAnOldModel() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        try (MfModel other = TestModels.random(SEED + 1, 3, 4, 2, false)) {
            ModelFiles.save(dir, other, TestModels.manifest(SEED + 1));
        }
        assertEquals(Set.of(ModelFiles.MODEL_FILE, ModelFiles.MANIFEST_FILE), fileNames(dir));
        try (LoadedModel loaded = ModelFiles.load(dir)) {
            assertEquals(3, loaded.model().users());
            assertEquals(SEED + 1, loaded.manifest().seed());
        }
    }

    @Test
    void aFailedSaveLeavesNoTemporaryFileAndNoManifest() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        MfModel closed = TestModels.random(SEED, 7, 11, 5, true);
        closed.close();
        assertThrows(IllegalStateException.class, () -> ModelFiles.save(dir, closed, TestModels.manifest(SEED)));
        assertEquals(Set.of(ModelFiles.MODEL_FILE), fileNames(dir));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    }

    @Test
    void aMissingFolderSaysHowToMakeOne() {
        Path dir = temp.resolve("nowhere");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("train a model first with `reco train --out " + dir + "`"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aMissingTensorFileIsNamed() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        Files.delete(dir.resolve(ModelFiles.MODEL_FILE));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains(ModelFiles.MODEL_FILE + " is missing"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsRejected() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        Path file = dir.resolve(ModelFiles.MODEL_FILE);
        long size = Files.size(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size - 10);
        }
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertEquals(file + " is damaged (truncated: " + (size - 10) + " of " + size + " bytes): retrain or restore it",
                e.getMessage());
    }

    @Test
    void aFlippedByteIsRejected() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        Path file = dir.resolve(ModelFiles.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertEquals(file + " is damaged (checksum mismatch): retrain or restore it", e.getMessage());
    }

    @Test
    void anotherFormatVersionIsRejectedNamingBoth() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        Path manifest = dir.resolve(ModelFiles.MANIFEST_FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"format_version\" : 1", "\"format_version\" : 2"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
        assertTrue(e.getMessage().contains("reads format version 1"), e.getMessage());
    }

    @Test
    void aManifestThatIsNotJsonIsRejectedWithItsPosition() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        Files.writeString(dir.resolve(ModelFiles.MANIFEST_FILE), "{\n  \"format_version\" : 1,\n  oops\n}");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertTrue(e.getMessage().contains("is not valid JSON (line 3, column"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void shapesThatDisagreeWithTheManifestAreRejected() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        Path manifest = dir.resolve(ModelFiles.MANIFEST_FILE);
        Files.writeString(manifest, Files.readString(manifest).replace("\"factors\" : 5", "\"factors\" : 4"));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertEquals(dir.resolve(ModelFiles.MODEL_FILE) + " does not match its manifest.json (user_factors is F32 "
                + "[7, 5] where the manifest implies F32 [7, 4]): retrain or restore the folder", e.getMessage());
    }

    @Test
    void unknownManifestFieldsAreIgnored() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        Path manifest = dir.resolve(ModelFiles.MANIFEST_FILE);
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\\{", "{ \"added_later\" : [1, 2],"),
                StandardCharsets.UTF_8);
        try (LoadedModel loaded = ModelFiles.load(dir)) {
            assertEquals(7, loaded.model().users());
        }
    }

    @Test
    void idsThatDoNotAscendAreRejectedEvenWithAMatchingChecksum() throws IOException {
        Path dir = saveRandom(temp.resolve("m"), true);
        Path file = dir.resolve(ModelFiles.MODEL_FILE);
        byte[] bytes = Files.readAllBytes(file);
        // user_ids is the first tensor (I64 comes first); swap its first two ids, then re-seal the manifest.
        int dataStart = 8 + (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] first = Arrays.copyOfRange(bytes, dataStart, dataStart + 8);
        System.arraycopy(bytes, dataStart + 8, bytes, dataStart, 8);
        System.arraycopy(first, 0, bytes, dataStart + 8, 8);
        Files.write(file, bytes);
        Path manifest = dir.resolve(ModelFiles.MANIFEST_FILE);
        String json = Files.readString(manifest);
        String oldSha = json.replaceAll("(?s).*\"model_sha256\" : \"([0-9a-f]+)\".*", "$1");
        Files.writeString(manifest, json.replace(oldSha, Sha256.hex(MemorySegment.ofArray(bytes))));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFiles.load(dir));
        assertEquals(file + " is damaged (user_ids do not ascend at index 1): retrain or restore it", e.getMessage());
    }

    private static Set<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
