package io.github.dockercache.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Bytes as lines of text that git stores as small deltas: cut where their content says (a rolling hash, as rsync and
 * backup tools cut), not at fixed offsets, so that a change, even one that adds or removes bytes, alters only the
 * chunks around it; each chunk deflated on its own and in base64, one JSON string per chunk.
 */
final class Chunks {
    /**
     * A chunk ends where the hash's low bits are zero: about every 32 KiB, at least 8 and at most 128 KiB (smaller
     * chunks compress worse: 16 KiB ones made a 100,000-file table 3 % larger than one deflate stream, these 1.5 %).
     */
    private static final long BOUNDARY_MASK = (1 << 15) - 1;

    private static final int MIN_CHUNK = 8 << 10;
    private static final int MAX_CHUNK = 128 << 10;
    /**
     * One random value per byte value (a "gear" table), fixed for ever: the cut points are part of the format. In a
     * class of its own, made when a table is written: its stream costs a reader's fresh JVM about 30 classes.
     */
    private static final class Gear {
        static final long[] TABLE =
                new SplittableRandom(0x5eed_dc02L).longs(256).toArray();
    }

    private Chunks() {}

    static List<String> deflate(byte[] bytes) {
        List<String> chunks = new ArrayList<>();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        byte[] buffer = new byte[MAX_CHUNK + (MAX_CHUNK >> 3) + 64];
        try {
            int start = 0;
            long hash = 0;
            for (int i = 0; i < bytes.length; i++) {
                hash = (hash << 1) + Gear.TABLE[bytes[i] & 0xff];
                int length = i + 1 - start;
                if ((length >= MIN_CHUNK && (hash & BOUNDARY_MASK) == 0)
                        || length == MAX_CHUNK
                        || i == bytes.length - 1) {
                    deflater.reset();
                    deflater.setInput(bytes, start, length);
                    deflater.finish();
                    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
                    while (!deflater.finished()) {
                        out.write(buffer, 0, deflater.deflate(buffer));
                    }
                    chunks.add(Base64.getEncoder().encodeToString(out.toByteArray()));
                    start = i + 1;
                    hash = 0;
                }
            }
        } finally {
            deflater.end();
        }
        return chunks;
    }

    /**
     * The CRC-32C of the chunks' text, each followed by a newline, as eight hex digits: a table's damage (a truncated
     * file, a merge gone wrong) is found by this sum without decoding the table, which a comparison may never need.
     */
    static String checksum(List<String> chunks) {
        CRC32C crc = new CRC32C();
        for (String chunk : chunks) {
            // base64 is ASCII: one byte per character; anything else changes the sum, as it should
            crc.update(chunk.getBytes(StandardCharsets.ISO_8859_1));
            crc.update('\n');
        }
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /**
     * The bytes of every chunk, one after the other; at most {@code maxBytes}, whatever the chunks claim.
     *
     * @throws IllegalArgumentException with what is wrong
     */
    static byte[] inflate(List<String> chunks, long maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Inflater inflater = new Inflater();
        byte[] buffer = new byte[MAX_CHUNK];
        try {
            for (String chunk : chunks) {
                byte[] compressed;
                try {
                    compressed = Base64.getDecoder().decode(chunk == null ? "" : chunk);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("its file table is not base64");
                }
                inflater.reset();
                inflater.setInput(compressed);
                while (!inflater.finished()) {
                    int inflated = inflater.inflate(buffer);
                    if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new IllegalArgumentException("its file table is truncated");
                    }
                    if (out.size() + (long) inflated > maxBytes) {
                        throw new IllegalArgumentException(
                                "its file table is larger than a snapshot can be in this heap");
                    }
                    out.write(buffer, 0, inflated);
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("its file table is damaged (not deflate data)");
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
