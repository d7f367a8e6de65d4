package reco.engine.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import reco.engine.train.TrainConfig;

/**
 * Training settings given as text, {@code name=value;name=value} with {@link TrainConfig}'s field
 * names ({@code batchSize=4096;optimizer=sgd}), for tools whose options are strings, such as a JMH
 * {@code @Param}. Field by field through Jackson, so a field added to {@link TrainConfig} can be set
 * here without a change.
 */
public final class ConfigOverrides {
    private static final JsonMapper JSON = JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build();

    private ConfigOverrides() {
    }

    /**
     * {@code base} with the settings of {@code overrides} (blank: none).
     *
     * @throws IllegalArgumentException naming the setting, for an unknown name, a value of the wrong type
     *                                  or a configuration {@link TrainConfig} refuses
     */
    @SuppressWarnings("unchecked")
    public static TrainConfig apply(TrainConfig base, String overrides) {
        Map<String, Object> fields = new LinkedHashMap<>(JSON.convertValue(base, Map.class));
        for (String setting : overrides.split(";")) {
            if (setting.isBlank()) {
                continue;
            }
            int eq = setting.indexOf('=');
            String name = eq < 0 ? setting.strip() : setting.substring(0, eq).strip();
            if (eq < 0 || !fields.containsKey(name)) {
                throw new IllegalArgumentException("'" + setting.strip() + "' is not NAME=VALUE with one of the training settings "
                        + fields.keySet());
            }
            fields.put(name, setting.substring(eq + 1).strip());
        }
        try {
            return JSON.convertValue(fields, TrainConfig.class);
        } catch (IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("training settings '" + overrides + "': " + root.getMessage(), e);
        }
    }
}
