package nl.transparant.register;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The published fields the search keeps in memory, deflated: the JSON of 100,000 entries is some hundreds of megabytes
 * as text, and the fields of every entry share most of their bytes (the keys of the standard, the permitted values, the
 * organisations, the laws), so each is deflated against a preset dictionary taken from the register's own first
 * entries. A search page inflates only its own entries (some tens of microseconds each).
 *
 * <p>One codec per lineage of snapshots ({@link RegisterSnapshot}): a dictionary never changes once bytes were deflated
 * against it.
 */
final class FieldsCodec {

    /**
     * zlib takes up to 32 KiB, but hashes the whole dictionary again for every entry it deflates: 4 KiB (about one
     * entry: the keys, the permitted values, the usual phrases) gave nearly the same size (412 against 338 bytes per
     * seeded entry of 3,514) in half the time, which is what the node's first load pays per entry.
     */
    private static final int DICTIONARY_BYTES = 4 * 1024;

    private final byte[] dictionary;
    /** Deflating happens in the one thread that derives a snapshot, but is kept safe for any caller. */
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final ConcurrentLinkedQueue<Inflater> inflaters = new ConcurrentLinkedQueue<>();

    private FieldsCodec(byte[] dictionary) {
        this.dictionary = dictionary;
    }

    /** A dictionary of these texts (their last {@link #DICTIONARY_BYTES}). */
    static FieldsCodec trainedOn(List<byte[]> samples) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        samples.forEach(all::writeBytes);
        byte[] bytes = all.toByteArray();
        return new FieldsCodec(bytes.length <= DICTIONARY_BYTES ? bytes : Arrays.copyOfRange(bytes, bytes.length - DICTIONARY_BYTES, bytes.length));
    }

    /** Four bytes of the original length, then the deflated bytes. */
    synchronized byte[] deflate(byte[] raw) {
        deflater.reset();
        if (dictionary.length > 0) {
            deflater.setDictionary(dictionary);
        }
        deflater.setInput(raw);
        deflater.finish();
        byte[] out = new byte[raw.length + 64];
        int n = 4;
        while (!deflater.finished()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            n += deflater.deflate(out, n, out.length - n);
        }
        out[0] = (byte) (raw.length >>> 24);
        out[1] = (byte) (raw.length >>> 16);
        out[2] = (byte) (raw.length >>> 8);
        out[3] = (byte) raw.length;
        return Arrays.copyOf(out, n);
    }

    byte[] inflate(byte[] packed) {
        int length = (packed[0] & 0xff) << 24 | (packed[1] & 0xff) << 16 | (packed[2] & 0xff) << 8 | packed[3] & 0xff;
        Inflater inflater = inflaters.poll();
        if (inflater == null) {
            inflater = new Inflater();
        }
        try {
            inflater.setInput(packed, 4, packed.length - 4);
            byte[] raw = new byte[length];
            int n = 0;
            while (n < length) {
                int read = inflater.inflate(raw, n, length - n);
                if (read == 0 && inflater.needsDictionary()) {
                    inflater.setDictionary(dictionary);
                } else if (read == 0 && (inflater.finished() || inflater.needsInput())) {
                    throw new IllegalStateException("Deflated fields end early");
                }
                n += read;
            }
            return raw;
        } catch (DataFormatException e) {
            throw new IllegalStateException("Deflated fields cannot be read", e);
        } finally {
            inflater.reset();
            inflaters.offer(inflater);
        }
    }
}
