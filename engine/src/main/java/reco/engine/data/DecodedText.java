package reco.engine.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A movies file as text. MovieLens publishes movies files in UTF-8 (ml-latest, ml-10m and later) and in
 * ISO-8859-1 (ml-1m's movies.dat; ml-100k's u.item), and files people export or edit mix the two: a
 * UTF-8 file with a few lines pasted from a latin-1 one. So the bytes are decoded line by line: UTF-8
 * where the line is valid UTF-8, else ISO-8859-1 (which decodes any byte), and the latin-1 lines are
 * counted for the load report. A whole file that is valid UTF-8 is decoded in one go. A UTF-8
 * byte-order mark is dropped.
 *
 * @param text        the decoded text, line ends kept
 * @param latin1Lines lines that were not valid UTF-8 and were read as ISO-8859-1
 */
record DecodedText(String text, long latin1Lines) {

    /** The file {@code file} decoded; ISO-8859-1 throughout when {@code latin1} (ml-100k's files). */
    static DecodedText read(Path file, boolean latin1) {
        try {
            return of(Files.readAllBytes(file), latin1);
        } catch (IOException e) {
            throw DataException.io(file, "cannot read", "check that the file exists and is readable", e);
        }
    }

    static DecodedText of(byte[] bytes, boolean latin1) {
        if (latin1) {
            return new DecodedText(new String(bytes, StandardCharsets.ISO_8859_1), 0);
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String whole = strictUtf8(utf8, bytes, 0, bytes.length);
        if (whole != null) {
            return new DecodedText(withoutBom(whole), 0);
        }
        StringBuilder text = new StringBuilder(bytes.length);
        long latin1Lines = 0;
        for (int from = 0; from < bytes.length; ) {
            int to = from;
            while (to < bytes.length && bytes[to] != '\n') {
                to++;
            }
            to = Math.min(to + 1, bytes.length);
            String line = strictUtf8(utf8, bytes, from, to - from);
            if (line == null) {
                line = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
                latin1Lines++;
            }
            text.append(line);
            from = to;
        }
        return new DecodedText(withoutBom(text.toString()), latin1Lines);
    }

    private static String strictUtf8(CharsetDecoder utf8, byte[] bytes, int from, int length) {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, from, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String withoutBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
