package outpost.console.ui.internal;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

import outpost.console.ui.UiThread;
import outpost.servers.Server;

/**
 * Outpost > Stored Credentials: per agent address, whether a token is stored (never the token) and
 * the pinned certificate fingerprint, each with a Forget button. Reading and forgetting run in Jobs
 * (storage I/O); reading never asks for the master password.
 */
public final class StoredCredentialsPage extends PreferencePage implements IWorkbenchPreferencePage {

    static final String TABLE_ID = "credentials.table";
    static final String FORGET_TOKEN_ID = "credentials.forgetToken";
    static final String FORGET_PIN_ID = "credentials.forgetPin";
    static final String SELECTED_PIN_ID = "credentials.selectedPin";

    private final Supplier<CredentialStore> credentials;
    private UiThread uiThread;
    private TableViewer table;
    private Label location;
    /** The selected agent's whole fingerprint: the table's column is too narrow for one to compare. */
    private Label selectedPin;
    private Button forgetToken;
    private Button forgetPin;

    public StoredCredentialsPage() {
        this(ConsoleCredentials::store);
    }

    StoredCredentialsPage(Supplier<CredentialStore> credentials) {
        this.credentials = credentials;
        noDefaultAndApplyButton();
        setDescription("What the console keeps per agent. Forget a token to be asked for it again at the next"
                + " connect; forget a certificate to be asked to trust the agent again.");
    }

    @Override
    public void init(IWorkbench workbench) {
        // nothing to read before the page is shown
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(page);
        Composite tableArea = new Composite(page, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).hint(520, 240).applyTo(tableArea);
        TableColumnLayout columns = new TableColumnLayout();
        tableArea.setLayout(columns);
        table = new TableViewer(tableArea, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        uiThread = new UiThread(table.getTable());
        table.getTable().setHeaderVisible(true);
        table.getTable().setData(ConsoleEditor.WIDGET_ID, TABLE_ID);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column(columns, "Agent", 3, StoredCredential::endpoint);
        column(columns, "Token", 1, stored -> stored.token().label());
        column(columns, "Pinned certificate", 6, stored -> stored.fingerprint() == null ? "" : stored.fingerprint());

        Composite buttons = new Composite(page, SWT.NONE);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
        GridLayoutFactory.fillDefaults().applyTo(buttons);
        forgetToken = button(buttons, "Forget Token", FORGET_TOKEN_ID, this::forgetToken);
        forgetPin = button(buttons, "Forget Certificate", FORGET_PIN_ID, this::forgetPin);
        selectedPin = new Label(page, SWT.WRAP);
        selectedPin.setData(ConsoleEditor.WIDGET_ID, SELECTED_PIN_ID);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(520, SWT.DEFAULT).applyTo(selectedPin);
        location = new Label(page, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).hint(520, SWT.DEFAULT).applyTo(location);
        table.addSelectionChangedListener(event -> updateButtons());
        updateButtons();
        reload();
        return page;
    }

    private void column(TableColumnLayout layout, String title, int weight,
            java.util.function.Function<StoredCredential, String> text) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.LEFT);
        column.getColumn().setText(title);
        layout.setColumnData(column.getColumn(), new ColumnWeightData(weight, 60));
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((StoredCredential) element);
            }
        });
    }

    private static Button button(Composite parent, String text, String id, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.setData(ConsoleEditor.WIDGET_ID, id);
        button.addListener(SWT.Selection, event -> action.run());
        GridDataFactory.fillDefaults().applyTo(button);
        return button;
    }

    private StoredCredential selected() {
        Object first = ((IStructuredSelection) table.getSelection()).getFirstElement();
        return (StoredCredential) first;
    }

    private void updateButtons() {
        StoredCredential chosen = selected();
        forgetToken.setEnabled(chosen != null && chosen.token() != StoredCredential.TokenKept.NONE);
        forgetPin.setEnabled(chosen != null && chosen.fingerprint() != null);
        selectedPin.setText(chosen == null || chosen.fingerprint() == null ? ""
                : "Certificate pinned for " + chosen.endpoint() + ": " + chosen.fingerprint());
        selectedPin.getParent().layout(true, true);
    }

    private void forgetToken() {
        StoredCredential chosen = selected();
        if (chosen != null) {
            inBackground("Forgetting the token of " + chosen.endpoint(),
                    store -> store.forgetToken(new Server(chosen.endpoint(), chosen.host(), chosen.port(), "")));
        }
    }

    private void forgetPin() {
        StoredCredential chosen = selected();
        if (chosen != null) {
            inBackground("Forgetting the certificate of " + chosen.endpoint(),
                    store -> store.forgetPin(chosen.host(), chosen.port()));
        }
    }

    private void reload() {
        inBackground("Reading the stored credentials", store -> {
        });
    }

    /** A storage step in a Job, then the list read again and shown (unless the page is gone). */
    private void inBackground(String name, StorageStep step) {
        Job.create(name, (IProgressMonitor monitor) -> {
            CredentialStore store = credentials.get();
            String problem = null;
            List<StoredCredential> now = List.of();
            try {
                step.run(store);
                now = store.stored();
            } catch (IOException | RuntimeException e) {
                ILog.of(StoredCredentialsPage.class).warn(name + " failed", e);
                problem = name + " failed: " + e.getMessage();
            }
            show(now, "Kept in " + store.tokenLocation() + "; certificates in " + store.pins().location() + ".", problem);
            return Status.OK_STATUS;
        }).schedule();
    }

    private void show(List<StoredCredential> stored, String where, String problem) {
        uiThread.execute(() -> {
            StoredCredential before = selected();
            table.setInput(stored);
            if (before != null) { // the same agent stays selected, for its other Forget button
                stored.stream().filter(now -> now.endpoint().equals(before.endpoint())).findFirst()
                        .ifPresent(now -> table.setSelection(new StructuredSelection(now)));
            }
            location.setText(where);
            setErrorMessage(problem);
            updateButtons();
            location.getParent().layout(true, true);
        });
    }

    @FunctionalInterface
    private interface StorageStep {
        void run(CredentialStore store) throws IOException;
    }
}
