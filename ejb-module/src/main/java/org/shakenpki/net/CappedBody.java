package org.shakenpki.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit, counted while it arrives: the first byte past the limit
 * cancels the subscription (which closes the connection) instead of reading on. A body that is not wanted (a
 * redirect, an unexpected status) is not read at all. {@link #abort()} lets the fetcher close a body that is
 * still arriving when its deadline passes.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body is over the limit (by its Content-Length or by what arrived). */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("response body over the limit");
        }
    }

    private final int limit;
    private final boolean wanted;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;
    private volatile boolean aborted;

    private CappedBody(int limit, boolean wanted) {
        this.limit = limit;
        this.wanted = wanted;
    }

    /** Reads at most {@code limit} bytes. */
    static CappedBody upTo(int limit) {
        return new CappedBody(limit, true);
    }

    /** Reads nothing: the body completes as null at once. */
    static CappedBody unread() {
        return new CappedBody(0, false);
    }

    /** Refuses at once (a Content-Length over the limit). */
    static CappedBody tooLarge() {
        CappedBody refused = new CappedBody(0, false);
        refused.body.completeExceptionally(new TooLarge());
        return refused;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (!wanted || aborted || body.isDone()) {
            s.cancel();
            body.complete(null);
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (received.size() + (long) buffer.remaining() > limit) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge());
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            received.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(received.toByteArray());
    }

    /** Stops reading: cancels the subscription if there is one, and any later one at once. */
    void abort() {
        aborted = true;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        body.completeExceptionally(new IOException("aborted"));
    }
}
