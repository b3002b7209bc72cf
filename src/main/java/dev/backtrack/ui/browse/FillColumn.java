package dev.backtrack.ui.browse;

import javafx.beans.InvalidationListener;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableViewSkin;

/**
 * Lets one column take the width the others leave, never below {@code minWidth} (then the table scrolls
 * sideways), while the table keeps the unconstrained resize policy so every other column keeps its width.
 * Once the user resizes the filling column by hand, it keeps the user's width.
 */
final class FillColumn {
    /** Room for the vertical scroll bar and the column-chooser button, so filling never causes a horizontal bar. */
    private static final double SCROLL_BAR_ALLOWANCE = 16;

    private final TableView<?> table;
    private final TableColumn<?, ?> fill;
    private final double minWidth;
    private double lastTarget = -1;
    private boolean userSized;

    private FillColumn(TableView<?> table, TableColumn<?, ?> fill, double minWidth) {
        this.table = table;
        this.fill = fill;
        this.minWidth = minWidth;
    }

    static void install(TableView<?> table, TableColumn<?, ?> fill, double minWidth) {
        FillColumn f = new FillColumn(table, fill, minWidth);
        InvalidationListener refit = o -> f.refit();
        table.widthProperty().addListener(refit);
        for (TableColumn<?, ?> c : table.getColumns()) {
            if (c != fill) {
                c.widthProperty().addListener(refit);
                c.visibleProperty().addListener(refit);
            }
        }
        fill.widthProperty().addListener((o, a, b) -> {
            if (f.lastTarget >= 0 && Math.abs(b.doubleValue() - f.lastTarget) > 1 && table.getSkin() instanceof TableViewSkin<?>) {
                f.userSized = true;
            }
        });
        f.refit();
    }

    /** The width the filling column gets for a table this wide with these other columns. */
    static double target(double tableWidth, double othersWidth, double minWidth) {
        return Math.max(minWidth, Math.floor(tableWidth - othersWidth - SCROLL_BAR_ALLOWANCE));
    }

    private void refit() {
        if (userSized || table.getWidth() <= 0) {
            return;
        }
        double others = 0;
        for (TableColumn<?, ?> c : table.getVisibleLeafColumns()) {
            if (c != fill) {
                others += c.getWidth();
            }
        }
        double insets = table.getInsets().getLeft() + table.getInsets().getRight();
        lastTarget = target(table.getWidth() - insets, others, minWidth);
        fill.setPrefWidth(lastTarget);
    }
}
