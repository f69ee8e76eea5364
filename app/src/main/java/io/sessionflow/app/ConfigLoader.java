package io.sessionflow.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sessionflow.config.ConfigException;
import io.sessionflow.config.SessionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a {@link SessionConfig} from defaults, then a YAML file, then command-line overrides (later wins). The
 * file is a flat mapping of {@link SessionConfig#KEYS} to scalars or lists; errors name the file, the line, the
 * key and the value.
 */
final class ConfigLoader {

    private ConfigLoader() {
    }

    static SessionConfig load(Path file, Map<String, String> overrides) {
        SessionConfig.Builder builder = SessionConfig.builder();
        Map<String, Located> settings = file == null ? Map.of() : readYaml(file);
        for (Map.Entry<String, Located> e : settings.entrySet()) {
            try {
                builder.set(e.getKey(), e.getValue().value());
            } catch (ConfigException ex) {
                throw ex.withSource(file + ":" + e.getValue().line());
            }
        }
        overrides.forEach(builder::set);
        try {
            return builder.build();
        } catch (ConfigException ex) {
            // An impossible combination is located at the line of the key it names, unless a flag set that key.
            Located at = settings.get(ex.key());
            throw at == null || overrides.containsKey(ex.key()) ? ex : ex.withSource(file + ":" + at.line());
        }
    }

    private record Located(String value, int line) {
    }

    /** Top-level keys with their values as text (lists joined by commas) and the line each key is on. */
    private static Map<String, Located> readYaml(Path file) {
        Map<String, Located> out = new LinkedHashMap<>();
        // Read first, parse second: an unreadable file (a directory, say) is then not reported as bad YAML.
        try (JsonParser p = new YAMLFactory().createParser(Files.readString(file))) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return out;  // an empty file sets nothing
            }
            if (first != JsonToken.START_OBJECT) {
                throw new UsageException(file + ":" + line(p.currentTokenLocation())
                        + ": expected a mapping of settings (key: value)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = line(p.currentTokenLocation());
                JsonToken t = p.nextToken();
                String value;
                if (t == JsonToken.START_ARRAY) {
                    List<String> items = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        if (!p.currentToken().isScalarValue()) {
                            throw new UsageException(file + ":" + line + ": " + key + " must be a list of values");
                        }
                        items.add(p.getText());
                    }
                    value = String.join(",", items);
                } else if (t != null && t.isScalarValue()) {
                    value = t == JsonToken.VALUE_NULL ? null : p.getText();
                } else {
                    throw new UsageException(file + ":" + line + ": " + key + " must be a value or a list");
                }
                if (out.containsKey(key)) {
                    throw new UsageException(file + ":" + line + ": " + key + " is set twice (first on line "
                            + out.get(key).line() + ")");
                }
                out.put(key, new Located(value, line));
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new UsageException("config file " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new UsageException(file + ":" + line(e.getLocation()) + ": not valid YAML: "
                    + problem(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The parser's description of a YAML error without the indented lines that repeat its position and quote the
     * source (the message is one line; the file:line prefix already says where).
     */
    private static String problem(String message) {
        return message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(Collectors.joining("; "));
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
