package dev.hallmark.server.http;

/**
 * The handler of one endpoint: a plain function from request to response. Domain adapters (log, CA, registry)
 * implement it; whatever they throw becomes a JSON error response in one place, {@link ErrorMapper}.
 */
@FunctionalInterface
public interface Route {
    Response handle(Request request) throws Exception;
}
