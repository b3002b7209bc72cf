package dev.backtrack.ui.detail;

/** Classic 16-bytes-per-line hex dump with an ASCII column; capped so a 10 MB record stays responsive. */
public final class HexDump {
    public static final int MAX_BYTES = 64 * 1024;

    private HexDump() {
    }

    public static String of(byte[] bytes) {
        if (bytes == null) {
            return "(null)";
        }
        int n = Math.min(bytes.length, MAX_BYTES);
        StringBuilder sb = new StringBuilder(n * 4 + 64);
        for (int line = 0; line < n; line += 16) {
            sb.append(String.format("%08x  ", line));
            StringBuilder ascii = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (line + i < n) {
                    int b = bytes[line + i] & 0xff;
                    sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16)).append(' ');
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    sb.append("   ");
                }
                if (i == 7) {
                    sb.append(' ');
                }
            }
            sb.append(" |").append(ascii).append("|\n");
        }
        if (bytes.length > n) {
            sb.append("… ").append(bytes.length - n).append(" more bytes not shown\n");
        }
        return sb.toString();
    }
}
