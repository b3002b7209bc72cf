package dev.backtrack.ui.schemas;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two schema texts (longest common subsequence), for "compare versions". Texts over
 * {@link #MAX_LINES} lines are not diffed (the table would cost lines² memory); {@link #diff} returns null then.
 */
final class LineDiff {
    static final int MAX_LINES = 3000;

    enum Kind { SAME, ADDED, REMOVED }

    /** One line of the diff with its line numbers in the old and new text (null where it does not exist). */
    record Line(Kind kind, Integer oldNumber, Integer newNumber, String text) {
    }

    private LineDiff() {
    }

    static List<Line> diff(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            return null;
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                out.add(new Line(Kind.SAME, i + 1, j + 1, a[i]));
                i++;
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                out.add(new Line(Kind.REMOVED, i + 1, null, a[i]));
                i++;
            } else {
                out.add(new Line(Kind.ADDED, null, j + 1, b[j]));
                j++;
            }
        }
        return out;
    }
}
