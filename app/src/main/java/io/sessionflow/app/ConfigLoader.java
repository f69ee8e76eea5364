package io.sessionflow.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.sessionflow.config.ConfigException;
import io.sessionflow.config.ConfigValues;
import io.sessionflow.config.SessionConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link SessionConfig} from defaults, then a YAML file, then command-line overrides (later wins). The
 * file is a flat mapping of {@link SessionConfig#KEYS} to scalars or lists; errors name the file, the line, the
 * key and the value (cut to a sane length), on one line.
 *
 * <p>The file must be a regular file of at most {@link #MAX_FILE_BYTES} bytes of UTF-8 with lines of at most
 * {@link #MAX_LINE_CHARS} characters: a settings file is a few short lines, and these bounds keep reading it fast
 * whatever it holds (a FIFO or device is refused before it is opened, so it cannot hang or fill the heap).
 *
 * <p>Stateless; safe to use from any thread.
 */
final class ConfigLoader {

    /** Largest config file read: 1 MiB. */
    static final int MAX_FILE_BYTES = 1 << 20;

    /**
     * Longest line. SnakeYAML's cost for one run of characters without a space or line break grows with the square
     * of its length; bounding lines keeps a whole file's parse linear in its size.
     */
    static final int MAX_LINE_CHARS = 8_192;

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

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
        SessionConfig config;
        try {
            config = builder.build();
        } catch (ConfigException ex) {
            // An impossible combination is located at the line of the key it names, unless a flag set that key.
            String at = source(file, ex.key(), settings, overrides);
            throw at == null ? ex : ex.withSource(at);
        }
        builder.warnings().forEach((key, warning) -> {
            String at = source(file, key, settings, overrides);
            LOG.warn("{}", at == null ? warning : at + ": " + warning);
        });
        return config;
    }

    /** {@code file:line} of the setting of {@code key} in the file, or null when a flag set it or nothing did. */
    private static String source(Path file, String key, Map<String, Located> settings,
                                 Map<String, String> overrides) {
        Located at = settings.get(key);
        return at == null || overrides.containsKey(key) ? null : file + ":" + at.line();
    }

    private record Located(String value, int line) {
    }

    /** Top-level keys with their values as text (lists joined by commas) and the line each key is on. */
    private static Map<String, Located> readYaml(Path file) {
        String text = readText(file);
        Map<String, Located> out = new LinkedHashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
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
                            throw new UsageException(file + ":" + line + ": " + ConfigValues.excerpt(key)
                                    + " must be a list of values");
                        }
                        items.add(p.getText());
                    }
                    value = String.join(",", items);
                } else if (t != null && t.isScalarValue()) {
                    value = t == JsonToken.VALUE_NULL ? null : p.getText();
                } else {
                    throw new UsageException(file + ":" + line + ": " + ConfigValues.excerpt(key)
                            + " must be a value or a list");
                }
                if (out.containsKey(key)) {
                    throw new UsageException(file + ":" + line + ": " + ConfigValues.excerpt(key)
                            + " is set twice (first on line " + out.get(key).line() + ")");
                }
                out.put(key, new Located(value, line));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new UsageException(file + ":" + line(e.getLocation()) + ": not valid YAML: "
                    + problem(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + oneLine(e));
        }
    }

    /**
     * The file's text, refused unless it is a regular file of at most {@link #MAX_FILE_BYTES} bytes of UTF-8 with
     * lines of at most {@link #MAX_LINE_CHARS} characters.
     */
    private static String readText(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new UsageException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + oneLine(e));
        }
        if (attributes.isDirectory()) {
            throw new UsageException("config file " + file + " is a directory");
        }
        if (!attributes.isRegularFile()) {
            // Checked before opening: opening a FIFO blocks until a writer comes, and a device may never end.
            throw new UsageException("config file " + file + " is not a regular file (a pipe, device or socket)");
        }
        if (attributes.size() > MAX_FILE_BYTES) {
            throw tooLarge(file, attributes.size() + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);  // bounded: the file may have grown since, or lie about its size
        } catch (IOException e) {
            throw new UsageException("cannot read config file " + file + ": " + oneLine(e));
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw tooLarge(file, "more than " + MAX_FILE_BYTES + " bytes");
        }
        String text = decode(file, bytes);
        requireShortLines(file, text);
        return text;
    }

    private static UsageException tooLarge(Path file, String size) {
        return new UsageException("config file " + file + " is larger than 1 MiB (" + size + "); a settings file "
                + "is a few short lines");
    }

    private static String decode(Path file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);  // UTF-8 never has more characters than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new UsageException(String.format("%s:%d: not UTF-8 text (byte 0x%02X)", file, line,
                    bytes[at] & 0xFF));
        }
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static void requireShortLines(Path file, String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_CHARS) {
                    throw new UsageException(file + ":" + line + ": line of " + (i - start) + " characters, longer "
                            + "than the " + MAX_LINE_CHARS + " a setting may take");
                }
                line++;
                start = i + 1;
            }
        }
    }

    /**
     * The parser's description of a YAML error without the indented lines that repeat its position and quote the
     * source (the message is one line; the file:line prefix already says where), cut to a sane length.
     */
    private static String problem(String message) {
        return ConfigValues.excerpt(message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .collect(Collectors.joining("; ")), 200);
    }

    private static String oneLine(IOException e) {
        String m = e.getMessage();
        return ConfigValues.excerpt(m == null || m.isBlank() ? e.getClass().getSimpleName() : m, 200);
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }
}
