package dev.modelfactory.ledger.dataset;

import java.util.Map;

/** Maps one JSON record (a tree, see {@link JsonValues}) of a given format to a row, or says why not. */
interface JsonRowMapper {

    /**
     * @throws BadRowException with a reason naming the field, e.g. {@code missing required field 'output'}
     */
    Conversation map(Map<String, Object> record) throws BadRowException;

    /** The mapper for a JSON format. */
    static JsonRowMapper of(DatasetFormat format) {
        return switch (format) {
            case ALPACA -> new AlpacaMapper();
            case SHAREGPT -> new ShareGptMapper();
            case OPENAI -> new OpenAiMapper();
            default -> throw new IllegalArgumentException(format + " is not a JSON format");
        };
    }
}
