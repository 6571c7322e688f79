package dev.hallmark.cli.pack;

import java.io.ByteArrayOutputStream;

/**
 * Writes an uncompressed tar byte for byte as node-tar 7's {@code Pack} writes it for pacote ({@code portable: true},
 * a fixed mtime): each entry is an optional PAX extended header ({@code path}, {@code linkpath}, {@code mtime} and
 * {@code size} records, under a {@code PaxHeader/<name>} header of mode 0644), the ustar header, the content padded
 * with zeros to a 512-byte boundary; the archive ends with two zero blocks and no further record padding.
 */
final class TarWriter {
    private static final int PAX_MODE = 0644;
    private final ByteArrayOutputStream out;
    private final long mtimeSeconds;

    TarWriter(long mtimeSeconds, int expectedBytes) {
        this.mtimeSeconds = mtimeSeconds;
        this.out = new ByteArrayOutputStream(Math.max(expectedBytes, 1024));
    }

    /** A regular file ({@code '0'}) with its content. */
    void file(String path, int mode, byte[] content) {
        entry(path, mode, content.length, '0', null);
        out.writeBytes(content);
        pad(content.length);
    }

    /** A hard link ({@code '1'}) to an entry written earlier; it has no content. */
    void hardLink(String path, String linkpath, int mode) {
        entry(path, mode, 0, '1', linkpath);
    }

    /** The archive: the entries, then two zero blocks. */
    byte[] finish() {
        out.writeBytes(new byte[2 * TarHeader.BLOCK]);
        return out.toByteArray();
    }

    private void entry(String path, int mode, long size, char type, String linkpath) {
        TarHeader.Encoded header = TarHeader.encode(path, mode, size, mtimeSeconds, type, linkpath);
        if (header.needsPax()) {
            pax(path, linkpath, size);
        }
        out.writeBytes(header.block());
    }

    private void pax(String path, String linkpath, long size) {
        out.writeBytes(paxEntry(path, linkpath, size, mtimeSeconds));
    }

    /** A PAX extended header entry: its header block, then the records padded to a block boundary. */
    static byte[] paxEntry(String path, String linkpath, long size, long mtimeSeconds) {
        StringBuilder body = new StringBuilder();
        body.append(record("path", path));
        if (linkpath != null) {
            body.append(record("linkpath", linkpath));
        }
        body.append(record("mtime", Long.toString(mtimeSeconds)));
        body.append(record("size", Long.toString(size)));
        byte[] bytes = JsText.utf8(body.toString());
        String name = "PaxHeader/" + PosixPath.basename(path);
        if (name.length() > 99) {
            name = name.substring(0, 99);
        }
        int padded = (bytes.length + TarHeader.BLOCK - 1) / TarHeader.BLOCK * TarHeader.BLOCK;
        byte[] entry = new byte[TarHeader.BLOCK + padded];
        byte[] header = TarHeader.encode(name, PAX_MODE, bytes.length, mtimeSeconds, 'x', "").block();
        System.arraycopy(header, 0, entry, 0, TarHeader.BLOCK);
        System.arraycopy(bytes, 0, entry, TarHeader.BLOCK, bytes.length);
        return entry;
    }

    /** One PAX record, {@code "<length> <key>=<value>\n"}, where the length counts its own digits. */
    static String record(String key, String value) {
        String rest = " " + key + "=" + value + "\n";
        int restLength = JsText.utf8Length(rest);
        int digits = Integer.toString(restLength).length();
        while (Integer.toString(restLength + digits).length() != digits) {
            digits++;
        }
        return (restLength + digits) + rest;
    }

    private void pad(long length) {
        int remainder = (int) (length % TarHeader.BLOCK);
        if (remainder != 0) {
            out.writeBytes(new byte[TarHeader.BLOCK - remainder]);
        }
    }
}
