package outpost.explorer.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import outpost.servers.Server;
import outpost.servers.ServerList;

/**
 * The Server Explorer view, for command handlers and tests: find it with
 * {@code page.findView(ServerExplorer.VIEW_ID)} and adapt it ({@code Adapters.adapt(part, ServerExplorer.class)}).
 * Every method must be called on the UI thread; file and network work happens in the background,
 * and the returned futures complete (on a background thread) when it is done.
 */
public interface ServerExplorer {

    /** Id of the Server Explorer view in plugin.xml. */
    String VIEW_ID = "outpost.explorer.ui.serverExplorer";

    /** Key under which the view's widgets carry a stable id ("explorer.servers", ...), for tests and accessibility tools. */
    String WIDGET_ID = "outpost.widget";

    /** The tree row under which servers without a group are shown. */
    String NO_GROUP = "(no group)";

    /**
     * The servers in the list, in file order; empty until the list file has been read. The broker's
     * agents the view shows besides are not among them.
     */
    List<Server> servers();

    /**
     * Adds a server and saves the list.
     *
     * @return completes when the list file is saved; fails with an IllegalArgumentException (nothing
     *         changed) when a server with the same host and port is in the list
     */
    CompletableFuture<Void> addServer(Server server);

    /** Opens the Add Server dialog (it does not block the caller); OK adds and saves. */
    void openAddDialog();

    /**
     * Opens the Edit Server dialog for the selected server, if one is selected; for an agent of the
     * console's broker ({@link Server#viaBroker()}), the Assign Group dialog.
     */
    void editSelected();

    /** Asks, then removes the selected servers (and those of selected groups) and saves. */
    void removeSelected();

    /** Opens the console editors of the selected servers (an open console is brought to the front). */
    void openSelected();

    /**
     * Merges a CSV file into the list: new servers are added, servers already in the list are
     * flagged, unreadable rows are reported with their line numbers; the view shows the report.
     */
    CompletableFuture<ServerList.ImportReport> importList(Path file);

    /** Writes the list to another CSV file, atomically. */
    CompletableFuture<Void> exportList(Path file);

    /** Re-reads the list file. */
    void reload();

    /**
     * Starts the live columns (status, CPU, RAM, latency) for every server in the list, and for
     * servers added to it later (here or in the file) until {@link #disconnectAll()}.
     */
    void connectAll();

    /** Ends every live session. */
    void disconnectAll();

    /** Starts the live columns for the servers of one group ("" for servers without a group). */
    void connectGroup(String group);

    /** Ends the live sessions of one group's servers. */
    void disconnectGroup(String group);
}
