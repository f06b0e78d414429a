package dev.handoffrail.http;

import dev.handoffrail.http.error.ErrorBody;
import dev.handoffrail.http.error.ErrorStatus;
import dev.handoffrail.http.json.JsonCodec;
import dev.handoffrail.http.route.RequestIds;
import dev.handoffrail.http.route.Responses;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The envelope of http-api.md §4 for what Jetty refuses before Javalin sees a request (an unparseable URI,
 * oversized headers): instead of Jetty's HTML page, a JSON body whose detail is only the status' reason phrase.
 */
final class JettyErrors extends ErrorHandler {
    private final JsonCodec json;

    JettyErrors(JsonCodec json) {
        this.json = json;
    }

    /** Jetty writes a body only for GET, POST and HEAD by default; every method gets the envelope here. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
                                                 String contentType, List<Charset> charsets, int code,
                                                 String message, Throwable cause) {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.JSON_TYPE);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.write(true, ByteBuffer.wrap(body(code, requestId)), callback);
        return true;
    }

    /** Jetty 12.1 still calls this for a request it cannot parse (no Request exists yet): keep the envelope. */
    @Override
    @SuppressWarnings("removal")
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = UUID.randomUUID().toString();
        fields.put(HttpHeader.CONTENT_TYPE, Responses.JSON_TYPE);
        fields.put(RequestIds.HEADER, requestId);
        return ByteBuffer.wrap(body(status, requestId));
    }

    private byte[] body(int status, String requestId) {
        String reason = HttpStatus.getMessage(status);
        return json.write(ErrorBody.of(status, ErrorStatus.codeFor(status), reason == null ? "Error" : reason,
                requestId).json());
    }
}
