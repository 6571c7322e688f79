package dev.hallmark.server.jetty;

import dev.hallmark.server.http.Response;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors Jetty answers itself (bad request line, header fields too large, URI too long) get the same JSON shape as
 * ours, with the standard reason phrase only: never Jetty's message, cause or stack.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, org.eclipse.jetty.server.Response response, Callback callback) {
        int status = response.getStatus() >= 400 ? response.getStatus() : 500;
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Response.JSON);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(status)), callback);
        return true;
    }

    private static byte[] body(int status) {
        String phrase = HttpStatus.getMessage(status);
        return Response.error(status, phrase == null ? "error" : phrase.toLowerCase(java.util.Locale.ROOT)).body().toArray();
    }
}
