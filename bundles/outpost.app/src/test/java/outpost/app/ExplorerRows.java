package outpost.app;

import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/** Reads the Server Explorer's tree as a test sees it: a server's row, every row as text, a column by title. */
final class ExplorerRows {

    private ExplorerRows() {
    }

    static TreeItem row(Tree tree, String name) {
        for (TreeItem group : tree.getItems()) {
            for (TreeItem item : group.getItems()) {
                if (name.equals(item.getText(0))) {
                    return item;
                }
            }
        }
        throw new AssertionError("no server '" + name + "' in the tree");
    }

    /** The server rows of the group shown as {@code label}; none when there is no such group. */
    static java.util.List<TreeItem> groupRows(Tree tree, String label) {
        for (TreeItem group : tree.getItems()) {
            if (label.equals(group.getText(0))) {
                return java.util.List.of(group.getItems());
            }
        }
        return java.util.List.of();
    }

    /** Every server row after its group's name, cells separated by " | ", for failure messages. */
    static String rows(Tree tree) {
        StringBuilder rows = new StringBuilder();
        for (TreeItem group : tree.getItems()) {
            for (TreeItem item : group.getItems()) {
                rows.append('\n').append(group.getText(0)).append(" > ");
                for (int column = 0; column < tree.getColumnCount(); column++) {
                    rows.append(item.getText(column)).append(" | ");
                }
            }
        }
        return rows.toString();
    }

    static int columnIndex(Tree tree, String title) {
        for (int i = 0; i < tree.getColumnCount(); i++) {
            if (title.equals(tree.getColumn(i).getText())) {
                return i;
            }
        }
        throw new AssertionError("no column " + title);
    }
}
