package dev.modelfactory.app.pipelines.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into {@link YNode}s that remember their lines, from Jackson's YAML token stream (its token
 * locations carry the lines; its tree model does not). A second occurrence of a key is an error, not a
 * silent overwrite.
 */
public final class YamlTree {

    /** Bad YAML: the message and the line it was found on. */
    public static final class SyntaxException extends Exception {
        private final int line;

        SyntaxException(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {
    }

    /** The document's root, or a null scalar for an empty document. */
    public static YNode parse(String text) throws SyntaxException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YNode.YScalar(1, null);
            }
            YNode root = read(p);
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String msg = e.getOriginalMessage();
            int nl = msg.indexOf('\n');
            throw new SyntaxException(at == null ? 0 : Math.max(at.getLineNr(), 0), nl > 0 ? msg.substring(0, nl) : msg);
        } catch (IOException e) {
            throw new SyntaxException(0, e.getMessage());
        }
    }

    private static YNode read(JsonParser p) throws IOException, SyntaxException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YNode> entries = new LinkedHashMap<>();
                Map<String, Integer> lines = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    if (entries.containsKey(key)) {
                        throw new SyntaxException(keyLine, "duplicate key '" + key + "' (first on line "
                                + lines.get(key) + ")");
                    }
                    p.nextToken();
                    entries.put(key, read(p));
                    lines.put(key, keyLine);
                }
                return new YNode.YMap(line, entries, lines);
            }
            case START_ARRAY -> {
                List<YNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                return new YNode.YList(line, items);
            }
            case VALUE_STRING -> {
                return new YNode.YScalar(line, p.getText());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new YNode.YScalar(line, p.getNumberValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YNode.YScalar(line, p.getBooleanValue());
            }
            case VALUE_NULL -> {
                return new YNode.YScalar(line, null);
            }
            default -> throw new SyntaxException(line, "unexpected YAML token " + t);
        }
    }
}
