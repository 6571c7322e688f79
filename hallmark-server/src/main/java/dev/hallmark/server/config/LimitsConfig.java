package dev.hallmark.server.config;

/**
 * Bounds on what one request may cost (DESIGN.md "Size limits on every input").
 *
 * @param maxRequestBodyBytes larger bodies are refused with 413 while being read
 * @param maxRequestHeaderBytes request line plus headers; larger ones are refused with 431
 * @param maxConcurrentRequests requests in flight beyond this are refused with 503 and Retry-After, which bounds
 *     the memory bodies can pin to this times {@code maxRequestBodyBytes}
 */
public record LimitsConfig(long maxRequestBodyBytes, int maxRequestHeaderBytes, int maxConcurrentRequests) {
    public static final LimitsConfig DEFAULT = new LimitsConfig(10L * 1024 * 1024, 16 * 1024, 256);
}
