package dev.handoffrail.bench.load;

import java.io.IOException;

/**
 * One unit of work the load driver times: usually one request, sometimes a short sequence (create, claim,
 * complete). Implementations are called concurrently from several driver threads, each with its own connection.
 */
@FunctionalInterface
public interface Operation {

    /**
     * Runs operation number {@code sequence} (0-based, unique across threads) on {@code connection}.
     *
     * @return true when every response had the expected status; false counts as one error
     * @throws IOException when the connection failed (also counted as an error)
     */
    boolean run(HttpConnection connection, long sequence) throws IOException;
}
