package io.socketflow.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;

/**
 * The lines of stdin as bytes: each ends at LF, a CR just before it belongs to the line end, and a last line
 * without LF still counts.
 *
 * <p>Written by hand because {@link java.util.Scanner} drops a leading empty line and
 * {@link java.io.BufferedReader} also ends lines at a lone CR and decodes bytes; here an empty line is a message
 * and bytes go to the server unchanged, as the server frames them.
 */
final class InputLines implements Iterator<byte[]> {

    private final InputStream input;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private byte @Nullable [] next;

    private boolean ended;

    InputLines(InputStream input) {
        this.input = new BufferedInputStream(input);
    }

    /** Waits for the next line, or the end of input. */
    @Override
    public boolean hasNext() {
        if (next == null && !ended) {
            next = read();
            ended = (next == null);
        }
        return next != null;
    }

    @Override
    public byte[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException("End of input");
        }
        byte[] current = next;
        next = null;
        return current;
    }

    private byte @Nullable [] read() {
        line.reset();
        try {
            int read = input.read();
            if (read < 0) {
                return null;
            }
            while (read >= 0 && read != '\n') {
                line.write(read);
                read = input.read();
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        return (length > 0 && bytes[length - 1] == '\r') ? Arrays.copyOf(bytes, length - 1) : bytes;
    }

}
