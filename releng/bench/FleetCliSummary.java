import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * Sums up one `outpost-cli --json` run of releng/benchmark-fleet: how many servers answered, and
 * the per-server durations the CLI reported (connect, TLS, token, cpu), p50/p99/max in ms.
 *
 * java -cp 'PRODUCT/plugins/*' FleetCliSummary.java OUTPUT.jsonl
 */
public class FleetCliSummary {

    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        Gson gson = new Gson();
        long[] durations = new long[lines.size()];
        int ok = 0;
        String firstError = null;
        for (int i = 0; i < lines.size(); i++) {
            JsonObject outcome = gson.fromJson(lines.get(i), JsonObject.class);
            durations[i] = outcome.get("durationMs").getAsLong();
            if (outcome.get("ok").getAsBoolean()) {
                ok++;
            } else if (firstError == null) {
                firstError = outcome.get("server").getAsString() + ": " + outcome.get("error").getAsString();
            }
        }
        if (durations.length == 0) {
            System.out.println("no output");
            return;
        }
        Arrays.sort(durations);
        System.out.printf(Locale.ROOT, "%d of %d ok | per-server p50 %d ms | p99 %d ms | max %d ms%s%n", ok,
                durations.length, durations[durations.length / 2],
                durations[(int) Math.ceil(durations.length * 0.99) - 1], durations[durations.length - 1],
                firstError == null ? "" : " | first failure: " + firstError);
    }
}
