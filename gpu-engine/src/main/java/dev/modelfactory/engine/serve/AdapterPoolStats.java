package dev.modelfactory.engine.serve;

/**
 * A snapshot of the pool. {@code hits}/{@code misses} count {@link AdapterPool#acquire} calls that found the
 * adapter resident (or already loading) or had to load it; {@code loads} counts loads of any cause
 * (acquire, pin, prefetch); {@code evictions} counts adapters dropped to make room or on request.
 * {@code residentBytes} never exceeds {@code budgetBytes}.
 */
public record AdapterPoolStats(int registered, int resident, int pinned, long residentBytes, long budgetBytes, long hits,
        long misses, long loads, long evictions) {
}
