package outpost.cli.internal;

import outpost.client.SessionFactory;
import outpost.transport.Transport;

/**
 * What outpost-cli runs on: sessions, and the transport a broker connection carries them over
 * (--broker).
 */
record ClientServices(SessionFactory sessions, Transport transport) {
}
