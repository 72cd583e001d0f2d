package dev.modelfactory.engine.tokenizer;

/**
 * What every tokenizer built on a GGUF {@link Vocabulary} answers the same way: its special ids, its size,
 * whether prompts start with BOS and which ids end generation. Subclasses supply the encoding.
 */
abstract class VocabularyTokenizer implements Tokenizer {

    protected final Vocabulary vocab;
    private final boolean addBos;

    VocabularyTokenizer(Vocabulary vocab, boolean addBos) {
        this.vocab = vocab;
        this.addBos = addBos;
    }

    @Override
    public boolean addBosByDefault() {
        return addBos && vocab.bos() >= 0;
    }

    @Override
    public int bosId() {
        return vocab.bos();
    }

    @Override
    public int eosId() {
        return vocab.eos();
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    @Override
    public boolean isEndOfGeneration(int id) {
        return vocab.isEndOfGeneration(id);
    }

    public Vocabulary vocabulary() {
        return vocab;
    }
}
