package dev.modelfactory.studio.datasets;

/** Progress of a running import, called on the importing thread (cheap; the page throttles display). */
@FunctionalInterface
public interface ImportProgress {

    /**
     * @param bytesRead     bytes of the source read so far
     * @param bytesTotal    the source's size, or a negative value if unknown
     * @param rowsCommitted rows committed so far (lags by at most one batch)
     */
    void update(long bytesRead, long bytesTotal, long rowsCommitted);
}
