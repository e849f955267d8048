package outpost.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs inside the bare Eclipse platform into which the p2 director installed outpost.ide.feature
 * from the built update site (releng/outpost.ide.platform), and checks what an IDE user gets.
 * Outpost classes are reached by name only, so that installing this test bundle cannot pull in
 * an Outpost bundle the update site failed to deliver.
 */
class UpdateSiteInstallIT {

    private static final List<String> SITE_BUNDLES = List.of("outpost.files", "outpost.protocol", "outpost.transport",
            "outpost.client", "outpost.servers", "outpost.console.ui", "outpost.explorer.ui");

    private final BundleContext context = FrameworkUtil.getBundle(UpdateSiteInstallIT.class).getBundleContext();

    @Test
    void everyInstalledBundleResolves() {
        context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(null);
        List<String> unresolved = Arrays.stream(context.getBundles())
                .filter(bundle -> bundle.getState() == Bundle.INSTALLED)
                .map(bundle -> bundle.getSymbolicName() + " " + bundle.getVersion())
                .toList();
        assertEquals(List.of(), unresolved, "bundles of the installed platform that do not resolve");
    }

    @Test
    void installsTheConsoleBundlesButNotTheConsoleApplication() {
        for (String name : SITE_BUNDLES) {
            assertNotNull(bundle(name), name + " is installed from the update site");
        }
        assertNull(bundle("outpost.app"), "the RCP application of the Outpost Console stays out of the IDE");
        assertNull(bundle("outpost.agent"), "the agent stays out of the IDE");
    }

    @Test
    void contributesTheServerExplorerViewInTheOutpostCategory() throws Exception {
        IConfigurationElement view = element("org.eclipse.ui.views", "view", "outpost.explorer.ui.serverExplorer");
        assertEquals("outpost.explorer.ui", view.getContributor().getName());
        assertEquals("Server Explorer", view.getAttribute("name"));
        IConfigurationElement category = element("org.eclipse.ui.views", "category", view.getAttribute("category"));
        assertEquals("Outpost", category.getAttribute("name"));
        assertImplements("outpost.explorer.ui", view.getAttribute("class"), "org.eclipse.ui.IViewPart");
    }

    @Test
    void contributesTheConsoleEditor() throws Exception {
        IConfigurationElement editor = element("org.eclipse.ui.editors", "editor", "outpost.console.ui.consoleEditor");
        assertEquals("outpost.console.ui", editor.getContributor().getName());
        assertImplements("outpost.console.ui", editor.getAttribute("class"), "org.eclipse.ui.IEditorPart");
    }

    @Test
    void satisfiesEveryDeclarativeServicesComponentOfTheSite() throws Exception {
        ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> tracker = new ServiceTracker<>(context,
                ServiceComponentRuntime.class, null);
        tracker.open();
        try {
            ServiceComponentRuntime scr = tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
            assertNotNull(scr, "Declarative Services runs in the installed platform");
            assertComponentsSatisfied(scr);
        } finally {
            tracker.close();
        }
    }

    private void assertComponentsSatisfied(ServiceComponentRuntime scr) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        int components = 0;
        for (String name : SITE_BUNDLES) {
            Bundle bundle = bundle(name);
            if (bundle.getHeaders().get("Service-Component") == null) {
                continue;
            }
            List<ComponentDescriptionDTO> descriptions = descriptions(scr, bundle);
            if (descriptions.isEmpty()) {
                problems.add(name + ": declares components but Declarative Services did not pick them up (state "
                        + bundle.getState() + ")");
            }
            for (ComponentDescriptionDTO description : descriptions) {
                components++;
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE
                            || configuration.state == ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION
                            || configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                        problems.add(description.name + " is not satisfied (state " + configuration.state + ")"
                                + Arrays.stream(configuration.unsatisfiedReferences).map(r -> " missing " + r.name)
                                        .reduce("", String::concat));
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(components >= 3, "the transport, client and servers components at least, found " + components);
    }

    @Test
    void opensAClientSessionFactoryOverTheInstalledNettyAndBouncyCastle() throws Exception {
        // Activates the client's SessionFactory and, through it, the Netty transport: their classes
        // load from the bundles the site delivered.
        ServiceReference<?> reference = awaitReference("outpost.client.SessionFactory");
        Object factory = context.getService(reference);
        try {
            assertNotNull(factory, "the SessionFactory component activates");
            Class<?> api = bundle("outpost.client").loadClass("outpost.client.SessionFactory");
            assertTrue(api.isInstance(factory));
            assertEquals("outpost.client", FrameworkUtil.getBundle(factory.getClass()).getSymbolicName());
            // Bouncy Castle resolves for the transport (self-signed identities) as the IDE wires it.
            Class<?> bouncyCastle = bundle("outpost.transport").loadClass("org.bouncycastle.cert.X509CertificateHolder");
            assertEquals("bcpkix", FrameworkUtil.getBundle(bouncyCastle).getSymbolicName());
        } finally {
            context.ungetService(reference);
        }
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst()
                .orElse(null);
    }

    private static IConfigurationElement element(String extensionPoint, String kind, String id) {
        IConfigurationElement[] elements = Platform.getExtensionRegistry().getConfigurationElementsFor(extensionPoint);
        assertFalse(elements.length == 0, "the extension point " + extensionPoint + " exists");
        return Arrays.stream(elements)
                .filter(element -> kind.equals(element.getName()) && id.equals(element.getAttribute("id")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " '" + id + "' contributed to " + extensionPoint));
    }

    private void assertImplements(String bundleName, String className, String interfaceName) throws Exception {
        Bundle bundle = bundle(bundleName);
        Class<?> implementation = bundle.loadClass(className);
        Class<?> contract = bundle.loadClass(interfaceName);
        assertTrue(contract.isAssignableFrom(implementation), className + " implements " + interfaceName);
    }

    private static List<ComponentDescriptionDTO> descriptions(ServiceComponentRuntime scr, Bundle bundle)
            throws InterruptedException {
        // Declarative Services picks a bundle up when it starts (lazily activated bundles are
        // started at launch); allow it a moment on a loaded machine.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<ComponentDescriptionDTO> descriptions = List.copyOf(scr.getComponentDescriptionDTOs(bundle));
        while (descriptions.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            descriptions = List.copyOf(scr.getComponentDescriptionDTOs(bundle));
        }
        return descriptions;
    }

    private ServiceReference<?> awaitReference(String className) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        ServiceReference<?> reference = context.getServiceReference(className);
        while (reference == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
            reference = context.getServiceReference(className);
        }
        assertNotNull(reference, className + " is registered");
        return reference;
    }
}
