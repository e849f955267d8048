package outpost.explorer.ui;

/** Ids of the Server Explorer, for perspectives and other contributions. */
public final class ServerExplorer {

    /** Id of the Server Explorer view in plugin.xml. */
    public static final String VIEW_ID = "outpost.explorer.ui.serverExplorer";

    private ServerExplorer() {
    }
}
