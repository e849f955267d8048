package outpost.explorer.ui.internal.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import outpost.alerts.Reading;
import outpost.explorer.ui.internal.live.LiveState;

/** What a Server Explorer state tells the alerts: values when online, "away" when offline, else nothing new. */
final class LiveReadings {

    private LiveReadings() {
    }

    static Optional<Reading> of(LiveState state, Instant now) {
        if (state == null) {
            return Optional.empty();
        }
        return switch (state.status()) {
            case ONLINE, ANNOUNCED -> Optional.of(new Reading(now, true, state.cpuPercent(), state.ramPercent(), state.diskPercents()));
            case OFFLINE -> Optional.of(Reading.unreachable(now));
            // the agent answers, though the explorer may not read its values
            case NO_TOKEN, AUTH_FAILED, CERTIFICATE_NOT_TRUSTED ->
                Optional.of(new Reading(now, true, OptionalDouble.empty(), OptionalDouble.empty(), Map.of()));
            case CONNECTING -> Optional.empty();
        };
    }
}
