package outpost.metrics;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * The JSON form of samples and history (docs/METRICS.md): one line, no pretty printing, sections
 * that are null left out. Fields are only ever added: a reader ignores those it does not know.
 */
public final class MetricJson {

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private MetricJson() {
    }

    public static String toJson(MetricSample sample) {
        return GSON.toJson(sample);
    }

    public static String toJson(MetricHistory history) {
        return GSON.toJson(history);
    }

    /** @throws IllegalArgumentException when the text is no sample */
    public static MetricSample sample(String json) {
        return parse(json, MetricSample.class);
    }

    /** @throws IllegalArgumentException when the text is no history */
    public static MetricHistory history(String json) {
        return parse(json, MetricHistory.class);
    }

    private static <T> T parse(String json, Class<T> type) {
        try {
            T value = GSON.fromJson(json, type);
            if (value == null) {
                throw new IllegalArgumentException("no JSON object");
            }
            return value;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("not a metric JSON object: " + e.getMessage(), e);
        }
    }
}
