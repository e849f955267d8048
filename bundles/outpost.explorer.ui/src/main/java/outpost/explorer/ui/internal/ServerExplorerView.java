package outpost.explorer.ui.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.IDialogSettings;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.AbstractTreeViewer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.part.ViewPart;
import org.osgi.framework.FrameworkUtil;

import outpost.console.ui.UiThread;
import outpost.client.AgentConnections;
import outpost.console.ui.AgentConnector;
import outpost.console.ui.ConsoleEditors;
import outpost.console.ui.ConsolePreferences;
import outpost.console.ui.GroupCommands;
import outpost.explorer.ui.ServerExplorer;
import outpost.explorer.ui.internal.alerts.AlertCenter;
import outpost.explorer.ui.internal.alerts.ExplorerAlerts;
import outpost.explorer.ui.internal.broker.BrokerFleet;
import outpost.explorer.ui.internal.broker.BrokerGroups;
import outpost.explorer.ui.internal.broker.BrokerLiveStates;
import outpost.explorer.ui.internal.live.FleetWatch;
import outpost.explorer.ui.internal.live.LiveState;
import outpost.explorer.ui.internal.live.ServerMonitor;
import outpost.servers.Server;
import outpost.servers.ServerForm;
import outpost.servers.ServerList;
import outpost.servers.ServerListDocument;
import outpost.servers.ServerListEditor;
import outpost.servers.ServerListFile;
import outpost.servers.ServerListReadResult;
import outpost.servers.ServerRepository;

/**
 * The server list as a tree by group, filterable and sortable, with live columns. The view shows
 * and forwards: list editing is a {@link ListSession} over a {@link ServerListEditor}, which applies
 * edits to the file as it is on disk (keeping what it could not read, merging changes made outside)
 * and reports changes made outside. The live columns come from a {@link ServerMonitor}, whose
 * changes reach the tree in one asyncExec at a time. When the console has a message broker, its
 * fleet's agents are rows too ({@link Server#viaBroker()}), in the groups the user assigned
 * ({@link BrokerGroups}), with their status from the broker's retained states ({@link BrokerFleet}).
 */
public final class ServerExplorerView extends ViewPart implements ServerExplorer {

    private static final ILog LOG = ILog.of(ServerExplorerView.class);
    /** Least time between two refreshes of the live columns. */
    private static final int LIVE_REFRESH_GAP_MILLIS = 150;

    private ServerRepository repository;
    private ServerMonitor monitor;
    private Display display;
    private UiThread uiThread;
    private ServerColumns columns;
    /** Connect All was the last word on the whole list (Disconnect All takes it back); UI thread. */
    private boolean allConnected;
    private TreeViewer viewer;
    private Text filterText;
    private Label message;
    private final ServerFilter filter = new ServerFilter();
    private ServerComparator comparator;
    private ExplorerActions actions;
    private ListSession session;
    private ExplorerAlerts alerts;
    /** Where the dashboard reads the list and the live states; null when the service is not running. */
    private FleetWatch fleet;

    /** Null until the list file has been read; changed on the UI thread only. */
    private ServerList list;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private Map<String, LiveState> live = Map.of();
    /** The broker's fleet; null when the service is not running. */
    private BrokerFleet broker;
    /**
     * The broker's states changed: only a refresh is asked for (it reads the whole fleet, once per
     * refresh at most), which may update only the rows whose state did.
     */
    private final Runnable brokerChanged = () -> refreshSoon(false);
    /** Null until first needed; UI thread. */
    private BrokerGroups brokerGroups;
    /**
     * The broker's agents as rows, sorted by id, and their states from the broker by
     * {@link ServerMonitor#key}; set on the UI thread, read on the monitor's threads too (alerts, dashboard).
     */
    private volatile List<Server> brokerServers = List.of();
    private volatile Map<String, LiveState> brokerLive = Map.of();
    /** The host names the broker's agents announced, by agent id; UI thread. */
    private Map<String, String> brokerHosts = Map.of();
    /** The broker's last status line shown, so other messages stay until it changes; UI thread. */
    private String brokerStatus = "";
    private final AtomicBoolean liveUpdatePending = new AtomicBoolean();
    /** An alert's change (a row's background) waits for the next refresh: the whole tree is relabelled. */
    private final AtomicBoolean wholeTreePending = new AtomicBoolean();
    private long lastLiveRefresh; // UI thread only

    @Override
    public void createPartControl(Composite parent) {
        display = parent.getDisplay();
        GridLayoutFactory.fillDefaults().spacing(0, 2).applyTo(parent);
        filterText = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filterText.setMessage("Filter by name, host or group");
        filterText.setData(WIDGET_ID, "explorer.filter");
        filterText.addModifyListener(event -> {
            if (filter.setText(filterText.getText())) {
                viewer.refresh();
                viewer.expandAll();
            }
        });
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filterText);

        viewer = new TreeViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        uiThread = new UiThread(viewer.getControl());
        Tree tree = viewer.getTree();
        tree.setData(WIDGET_ID, "explorer.servers");
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(tree);
        comparator = new ServerComparator(this::liveState);
        fleet = getSite().getService(FleetWatch.class);
        alerts = new ExplorerAlerts(getSite().getService(AlertCenter.class), uiThread, parent.getShell(), this::liveChanged);
        columns = new ServerColumns(viewer, this::liveState, comparator, alerts::inAlert, this::hostName);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new ServerTreeContent());
        viewer.setComparator(comparator);
        viewer.setFilters(filter);
        viewer.setAutoExpandLevel(AbstractTreeViewer.ALL_LEVELS);
        viewer.addOpenListener(event -> openSelected());
        getSite().setSelectionProvider(viewer);

        message = new Label(parent, SWT.WRAP);
        message.setData(WIDGET_ID, "explorer.message");
        GridDataFactory.fillDefaults().grab(true, false).hint(200, SWT.DEFAULT).applyTo(message);

        repository = getSite().getService(ServerRepository.class);
        startMonitor();
        broker = getSite().getService(BrokerFleet.class);
        if (broker != null) {
            broker.addListener(brokerChanged);
        }
        session = repository == null ? null : new ListSession(repository::edit, this::inUi, new ListScreen());
        actions = new ExplorerActions(this);
        contributeActions();
        viewer.addSelectionChangedListener(event -> actions.update());
        load();
        if (broker != null) {
            refreshSoon(true); // the fleet the broker announced before this view opened
        }
    }

    private void startMonitor() {
        AgentConnections sessions = getSite().getService(AgentConnections.class);
        AgentConnector connector = getSite().getService(AgentConnector.class);
        if (sessions == null || connector == null) {
            LOG.warn("No " + (sessions == null ? "AgentConnections" : "AgentConnector") + " service: the live columns stay empty");
            return;
        }
        ConsolePreferences preferences = ConsolePreferences.current();
        monitor = new ServerMonitor(sessions, connector, new ServerMonitor.Settings(preferences.liveRefresh(),
                preferences.reconnectMaxDelay(), max(preferences.liveRefresh(), preferences.connectTimeout())),
                this::monitorChanged, (server, history) -> {
                    if (fleet != null) {
                        fleet.history(server, history);
                    }
                });
    }

    private static java.time.Duration max(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The Host column of a row: its address, or the host name a broker's agent announced. */
    private String hostName(Server server) {
        String announced = server.viaBroker() ? brokerHosts.get(server.host()) : null;
        return announced == null || announced.isBlank() ? server.host() : announced;
    }

    /**
     * The live state of a monitored server, or of a broker's agent from what the broker relays; null
     * when neither.
     */
    LiveState liveState(Server server) {
        LiveState state = live.get(ServerMonitor.key(server));
        return state == null && server.viaBroker() ? brokerLive.get(ServerMonitor.key(server)) : state;
    }

    private void contributeActions() {
        IToolBarManager toolBar = getViewSite().getActionBars().getToolBarManager();
        actions.contributeTo(toolBar);
        actions.contributeTo(getViewSite().getActionBars().getMenuManager());
        actions.handleDelete(getSite().getService(IHandlerService.class));
        MenuManager menu = new MenuManager("#PopupMenu");
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(this::fillContextMenu);
        viewer.getTree().setMenu(menu.createContextMenu(viewer.getTree()));
        getSite().registerContextMenu(menu, viewer);
    }

    private void fillContextMenu(IMenuManager menu) {
        actions.update();
        actions.fillContextMenu(menu, selectedGroup());
        menu.add(new Separator(org.eclipse.ui.IWorkbenchActionConstants.MB_ADDITIONS));
    }

    // ---- loading and saving ------------------------------------------------------------------

    private void load() {
        if (session == null) {
            showMessage("The server list service is not available: is org.apache.felix.scr started?");
            return;
        }
        session.load().thenRun(() -> {
            session.document().problems().forEach(problem -> LOG.warn(session.file() + ", " + problem));
            loaded.complete(null);
        });
    }

    /** What the list session shows through the view. */
    private final class ListScreen implements ListSession.Screen {
        @Override
        public void show(ServerListDocument document) {
            List<Server> before = servers();
            list = ServerList.of(document.servers()); // the document has no duplicate host:port, so this cannot refuse
            followMonitoring(before, list.servers());
            showRows();
        }

        @Override
        public void message(String text) {
            showMessage(text);
        }

        @Override
        public boolean allowHeaderForm(Path file, Path backup) {
            return ConvertQuestion.ask(getSite().getShell(), file, backup);
        }

        @Override
        public void removedOutside(List<Server> gone) {
            disconnect(gone);
        }

        @Override
        public void failed(String what, Throwable error) {
            LOG.error(what, error);
        }
    }

    private CompletableFuture<Void> change(ServerListEditor.Edit edit, String done) {
        return session.change(edit, done);
    }

    /** The tree shows the list file's servers and the broker's agents. UI thread. */
    private void showRows() {
        List<Server> rows = new ArrayList<>(servers());
        rows.addAll(brokerServers);
        viewer.setInput(new ServerTreeContent.Rows(rows));
        if (fleet != null) {
            fleet.servers(rows);
        }
        columns.refit();
        actions.update();
    }

    /**
     * Takes the broker's fleet as it is now: its agents' rows when they changed (an agent announced
     * or cleared, a group assigned) and their states. UI thread.
     *
     * @return whether the rows were rebuilt
     */
    private boolean followBroker() {
        if (broker == null) {
            return false;
        }
        String status = broker.status();
        if (!status.equals(brokerStatus)) {
            brokerStatus = status;
            if (!status.isEmpty()) {
                showMessage(status);
            }
        }
        Map<String, outpost.broker.AgentState> agents = broker.agents();
        List<Server> rows = new ArrayList<>(agents.size());
        Map<String, LiveState> states = new java.util.HashMap<>();
        Map<String, String> hosts = new java.util.HashMap<>();
        for (outpost.broker.AgentState agent : agents.values()) {
            hosts.put(agent.agentId(), agent.host());
            Server row = Server.viaBroker(agent.agentId(), groups().groupOf(agent.agentId(), agent.group()));
            LiveState state = BrokerLiveStates.of(agent, broker.sample(agent.agentId()));
            rows.add(row);
            states.put(ServerMonitor.key(row), state);
        }
        rows.sort(java.util.Comparator.comparing(Server::host));
        boolean statesChanged = !states.equals(brokerLive);
        boolean rowsChanged = !rows.equals(brokerServers);
        brokerHosts = hosts;
        brokerLive = states;
        if (rowsChanged) {
            brokerServers = List.copyOf(rows);
        }
        if (statesChanged || rowsChanged) {
            observeFleet();
        }
        if (!rowsChanged) {
            return false;
        }
        if (list != null) {
            showRows();
        }
        return true;
    }

    private BrokerGroups groups() {
        if (brokerGroups == null) {
            try {
                brokerGroups = BrokerGroups.load();
            } catch (org.osgi.service.prefs.BackingStoreException e) {
                LOG.error("Cannot read the groups of the broker's agents", e);
                throw new IllegalStateException("the workspace's preferences cannot be read", e);
            }
        }
        return brokerGroups;
    }

    /** Files the selected agents of the broker under a group the user names. */
    void assignBrokerGroup() {
        List<Server> agents = selectedServers().stream().filter(Server::viaBroker).toList();
        if (agents.isEmpty()) {
            return;
        }
        List<String> known = new ArrayList<>(groupNames());
        brokerServers.stream().map(Server::group).filter(group -> !known.contains(group)).distinct().forEach(known::add);
        new BrokerGroupDialog(getSite().getShell(), agents, known, group -> {
            try {
                for (Server agent : agents) {
                    groups().assign(agent.host(), group);
                }
                showMessage("Filed " + ListMessages.count(agents.size(), "agent", "agents") + " of the broker under '"
                        + (group.isEmpty() ? ServerExplorer.NO_GROUP : group) + "'");
            } catch (org.osgi.service.prefs.BackingStoreException e) {
                LOG.error("Cannot keep the groups of the broker's agents", e);
                showMessage("Cannot keep the group: " + e.getMessage());
            }
            followBroker();
        }).open();
    }

    boolean anyBrokerAgentSelected() {
        return selectedServers().stream().anyMatch(Server::viaBroker);
    }

    // ---- the ServerExplorer API ---------------------------------------------------------------

    @Override
    public List<Server> servers() {
        return list == null ? List.of() : list.servers();
    }

    boolean isLoaded() {
        return list != null && session != null;
    }

    @Override
    public CompletableFuture<Void> addServer(Server server) {
        requireLoaded();
        if (list.find(server).isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    server.endpoint() + " is already in the list as '" + list.find(server).get().name() + "'"));
        }
        return change(new ServerListEditor.Add(server), "Added " + server.name() + " (" + server.endpoint() + ")");
    }

    private void replaceServer(Server old, Server edited) {
        if (monitor != null && monitor.isMonitored(old) && !old.sameEndpoint(edited)) {
            monitor.disconnect(List.of(old));
            monitor.connect(List.of(edited));
        }
        change(new ServerListEditor.Replace(old, edited), "Changed " + edited.name() + " (" + edited.endpoint() + ")");
    }

    /** Removes servers without asking; the Remove action asks first. */
    CompletableFuture<Void> removeServers(List<Server> removed) {
        requireLoaded();
        if (monitor != null) {
            monitor.disconnect(removed);
        }
        return change(new ServerListEditor.Remove(removed), "Removed " + ListMessages.count(removed.size(), "server", "servers"));
    }

    @Override
    public void openAddDialog() {
        if (!isLoaded()) {
            return;
        }
        Server selected = selectedServers().stream().findFirst().orElse(null);
        String group = selectedGroup() != null ? selectedGroup().name() : selected == null ? "" : selected.group();
        ServerForm initial = new ServerForm("", "", Integer.toString(ConsolePreferences.current().defaultPort()), group);
        new ServerDialog(getSite().getShell(), () -> list, null, initial, groupNames(), server -> addServer(server)).open();
    }

    @Override
    public void editSelected() {
        List<Server> selected = selectedServers();
        if (!isLoaded() || selected.size() != 1) {
            return;
        }
        Server old = selected.get(0);
        if (old.viaBroker()) { // the broker names it; the user files it
            assignBrokerGroup();
            return;
        }
        new ServerDialog(getSite().getShell(), () -> list, old, ServerForm.of(old), groupNames(),
                edited -> replaceServer(old, edited)).open();
    }

    @Override
    public void removeSelected() {
        List<Server> selected = selectedServers().stream().filter(server -> !server.viaBroker()).toList();
        if (!isLoaded() || selected.isEmpty()) {
            if (anyBrokerAgentSelected()) {
                showMessage("Agents of the broker are not in the list file: they stay while the broker announces them.");
            }
            return;
        }
        String what = selected.size() == 1 ? "'" + selected.get(0).name() + "' (" + selected.get(0).endpoint() + ")"
                : selected.size() + " servers";
        if (MessageDialog.openConfirm(getSite().getShell(), "Remove Servers",
                "Remove " + what + " from the server list? Open consoles stay open.")) {
            removeServers(selected);
        }
    }

    @Override
    public void openSelected() {
        IStructuredSelection selection = viewer.getStructuredSelection();
        for (Object element : selection.toList()) {
            if (element instanceof ServerGroup group) {
                viewer.setExpandedState(group, !viewer.getExpandedState(group));
                continue;
            }
            try {
                ConsoleEditors.open(getSite().getPage(), (Server) element);
            } catch (PartInitException e) {
                LOG.log(new Status(IStatus.ERROR, getClass(), "Cannot open the console of " + element, e));
            }
        }
    }

    /** Asks for a command line, then runs it on the selected servers (a group: all of its servers) in a results editor. */
    void runOnSelected() {
        List<Server> targets = selectedServers();
        if (targets.isEmpty()) {
            return;
        }
        IDialogSettings settings = PlatformUI.getDialogSettingsProvider(FrameworkUtil.getBundle(getClass())).getDialogSettings();
        new RunCommandDialog(getSite().getShell(), targets, settings, line -> {
            try {
                GroupCommands.run(getSite().getPage(), line, targets);
            } catch (PartInitException e) {
                LOG.error("Cannot open the results of '" + line + "'", e);
                showMessage("Cannot open the results of '" + line + "': " + e.getMessage());
            }
        }).open();
    }

    @Override
    public CompletableFuture<ServerList.ImportReport> importList(Path file) {
        CompletableFuture<ServerList.ImportReport> done = new CompletableFuture<>();
        showMessage("Importing " + file + " ...");
        Job.create("Importing " + file.getFileName(), (IProgressMonitor progress) -> {
            ServerListReadResult read;
            try {
                read = ServerListFile.load(file);
            } catch (IOException e) {
                inUi(() -> showMessage("Cannot read " + file + ": " + e.getMessage()));
                done.completeExceptionally(e);
                return Status.OK_STATUS; // reported in the view; the caller's future carries it too
            }
            loaded.thenRun(() -> inUi(() -> merge(file, read, done)));
            return Status.OK_STATUS;
        }).schedule();
        return done;
    }

    private void merge(Path file, ServerListReadResult read, CompletableFuture<ServerList.ImportReport> done) {
        ServerList.ImportReport report = list.merge(read);
        report.flagged().forEach(problem -> LOG.info("Import of " + file + ", " + problem));
        StringBuilder text = new StringBuilder("Imported " + file + ": " + report.summary());
        ListMessages.appendProblems(text, report.flagged());
        if (report.added().isEmpty()) {
            showMessage(text.toString());
            done.complete(report);
        } else {
            change(new ServerListEditor.AddAll(report.added()), text.toString())
                    .whenComplete((ignored, error) -> done.complete(report));
        }
    }

    @Override
    public CompletableFuture<Void> exportList(Path file) {
        requireLoaded();
        List<Server> servers = list.servers();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Job.create("Exporting the server list", (IProgressMonitor progress) -> {
            try {
                ServerListFile.save(file, servers);
                inUi(() -> showMessage("Exported " + ListMessages.count(servers.size(), "server", "servers") + " to " + file));
                done.complete(null);
            } catch (IOException e) {
                LOG.error("Cannot export the server list to " + file, e);
                inUi(() -> showMessage("Cannot export to " + file + ": " + e.getMessage()));
                done.completeExceptionally(e);
            }
            return Status.OK_STATUS; // failures are reported in the view and the Error Log
        }).schedule();
        return done;
    }

    /** Asks for a file, then imports it. */
    void chooseAndImport() {
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.OPEN);
        dialog.setText("Import Servers");
        dialog.setFilterExtensions(new String[] { "*.csv", "*" });
        String chosen = dialog.open();
        if (chosen != null) {
            importList(Path.of(chosen));
        }
    }

    /** Asks for a file, then exports to it. */
    void chooseAndExport() {
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.SAVE);
        dialog.setText("Export Servers");
        dialog.setFilterExtensions(new String[] { "*.csv", "*" });
        dialog.setFileName("servers.csv");
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen != null && isLoaded()) {
            exportList(Path.of(chosen));
        }
    }

    @Override
    public void reload() {
        if (monitor != null) {
            monitor.disconnect(servers());
        }
        load();
    }

    @Override
    public void connectAll() {
        allConnected = true;
        connect(servers());
    }

    @Override
    public void disconnectAll() {
        allConnected = false;
        disconnect(servers());
    }

    /**
     * A list that changed (an edit here, or the file changed outside) keeps the live columns true:
     * servers gone from it are no longer polled, and after Connect All the servers new in it are
     * connected too, as a user who connected "all" expects.
     */
    private void followMonitoring(List<Server> before, List<Server> now) {
        if (monitor == null) {
            return;
        }
        List<Server> gone = before.stream().filter(old -> now.stream().noneMatch(old::sameEndpoint)).toList();
        if (!gone.isEmpty()) {
            monitor.disconnect(gone);
        }
        List<Server> added = now.stream().filter(server -> before.stream().noneMatch(server::sameEndpoint)).toList();
        if (allConnected && !added.isEmpty()) {
            monitor.connect(added);
        }
    }

    @Override
    public void connectGroup(String group) {
        connect(servers().stream().filter(server -> server.group().equals(group)).toList());
    }

    @Override
    public void disconnectGroup(String group) {
        disconnect(servers().stream().filter(server -> server.group().equals(group)).toList());
    }

    void connect(List<Server> servers) {
        if (monitor == null) {
            showMessage("Live columns are not available: the client services did not start.");
            return;
        }
        monitor.connect(servers);
    }

    void disconnect(List<Server> servers) {
        if (monitor != null) {
            monitor.disconnect(servers);
        }
    }

    boolean canMonitor() {
        return monitor != null;
    }

    // ---- selection ----------------------------------------------------------------------------

    /** The selected servers, and the servers of selected groups that the filter shows, without repeats. */
    List<Server> selectedServers() {
        Set<Server> servers = new LinkedHashSet<>();
        for (Object element : viewer.getStructuredSelection().toList()) {
            if (element instanceof ServerGroup group) {
                group.servers().stream().filter(filter::matches).forEach(servers::add);
            } else if (element instanceof Server server) {
                servers.add(server);
            }
        }
        return new ArrayList<>(servers);
    }

    /** The group row selected alone, or null. */
    ServerGroup selectedGroup() {
        IStructuredSelection selection = viewer.getStructuredSelection();
        return selection.size() == 1 && selection.getFirstElement() instanceof ServerGroup group ? group : null;
    }

    boolean hasSingleServerSelected() {
        IStructuredSelection selection = viewer.getStructuredSelection();
        return selection.size() == 1 && selection.getFirstElement() instanceof Server;
    }

    private List<String> groupNames() {
        return servers().stream().map(Server::group).filter(group -> !group.isEmpty()).distinct().sorted().toList();
    }

    // ---- live columns -------------------------------------------------------------------------

    /** An alert was raised or cleared (a row's background): every row may need relabelling. */
    private void liveChanged() {
        observeFleet();
        refreshSoon(true);
    }

    /** The monitor told (at each poll, watched or not): refreshLive relabels the tree only if its snapshot changed. */
    private void monitorChanged() {
        observeFleet();
        refreshSoon(false);
    }

    /**
     * At most one refresh pending, at least {@link #LIVE_REFRESH_GAP_MILLIS} after the last. Any
     * thread. While 200 servers connect, each one's change used to bring a whole-tree refresh right
     * after the previous one, leaving the UI thread little time for anything else.
     *
     * @param wholeTree whether every row's texts may have changed, not only the broker's agents'
     */
    private void refreshSoon(boolean wholeTree) {
        if (wholeTree) {
            wholeTreePending.set(true);
        }
        if (display.isDisposed() || !liveUpdatePending.compareAndSet(false, true)) {
            return;
        }
        display.asyncExec(() -> {
            long wait = lastLiveRefresh + LIVE_REFRESH_GAP_MILLIS - System.currentTimeMillis();
            if (wait > 0 && wait <= LIVE_REFRESH_GAP_MILLIS) {
                display.timerExec((int) wait, this::refreshLive);
            } else {
                refreshLive();
            }
        });
    }

    /**
     * Tells the alerts and the dashboard the newest states: the monitor's, and the broker's for its
     * agents the monitor does not watch. Any thread.
     */
    private void observeFleet() {
        ServerMonitor watching = monitor;
        Map<Server, LiveState> states = new java.util.HashMap<>();
        Set<String> watched = new java.util.HashSet<>();
        if (watching != null) {
            watching.states().forEach((server, state) -> {
                states.put(server, state);
                watched.add(ServerMonitor.key(server));
            });
        }
        Map<String, LiveState> announced = brokerLive;
        for (Server row : brokerServers) {
            LiveState state = announced.get(ServerMonitor.key(row));
            if (state != null && !watched.contains(ServerMonitor.key(row))) {
                states.put(row, state);
            }
        }
        if (watching == null && states.isEmpty()) {
            return;
        }
        alerts.observe(states);
        if (fleet != null) {
            fleet.observe(states);
        }
    }

    private void refreshLive() {
        liveUpdatePending.set(false);
        boolean wholeTree = wholeTreePending.getAndSet(false);
        if (viewer.getControl().isDisposed()) {
            return;
        }
        lastLiveRefresh = System.currentTimeMillis();
        if (monitor != null) {
            Map<String, LiveState> now = monitor.snapshot();
            // the monitor tells at every poll, with nothing watched too: only a new state relabels the tree
            wholeTree |= !now.equals(live);
            live = now;
        }
        Map<String, LiveState> brokerBefore = brokerLive;
        if (followBroker()) {
            return; // rows rebuilt, live texts with them
        }
        if (wholeTree || comparator.column().followsLiveState()) {
            viewer.refresh(true);
        } else {
            // only broker states changed, and the order does not follow them: relabelling every row
            // of a broker's 2,000 agents for each change kept the UI thread busy (docs/BENCHMARKS.md)
            viewer.update(changedBrokerRows(brokerBefore), null);
        }
        columns.refitLive();
    }

    /** The broker's rows whose state differs from {@code before}, and their groups (which count them). */
    private Object[] changedBrokerRows(Map<String, LiveState> before) {
        ITreeContentProvider content = (ITreeContentProvider) viewer.getContentProvider();
        Set<Object> changed = new LinkedHashSet<>();
        for (Server row : brokerServers) {
            String key = ServerMonitor.key(row);
            if (!java.util.Objects.equals(before.get(key), brokerLive.get(key))) {
                changed.add(row);
                Object group = content.getParent(row);
                if (group != null) {
                    changed.add(group);
                }
            }
        }
        return changed.toArray();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void requireLoaded() {
        if (!isLoaded()) {
            throw new IllegalStateException("the server list is not loaded yet");
        }
    }

    void showMessage(String text) {
        if (message.isDisposed()) {
            return;
        }
        message.setText(text);
        message.getParent().layout();
    }

    private void inUi(Runnable runnable) {
        uiThread.execute(runnable);
    }

    @Override
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    /** Opens (or brings to the front) another view of the workbench page. */
    void showView(String id) {
        try {
            getSite().getPage().showView(id);
        } catch (org.eclipse.ui.PartInitException e) {
            LOG.error("Could not open view " + id, e);
        }
    }

    /** Opens the thresholds of the selected group, or of the one selected server. */
    void editThresholds() {
        ServerGroup group = selectedGroup();
        if (group != null) {
            alerts.editGroup(getSite().getShell(), group.name());
        } else if (hasSingleServerSelected()) {
            alerts.editServer(getSite().getShell(), selectedServers().get(0));
        }
    }

    @Override
    public void dispose() {
        if (broker != null) {
            broker.removeListener(brokerChanged);
        }
        if (alerts != null) {
            alerts.close();
        }
        if (monitor != null) {
            monitor.close(); // closes every session; its threads end with their current connect
        }
        if (session != null) {
            session.close(); // stops watching the file; a save under way still finishes
        }
        super.dispose();
    }
}
