package io.lisa4j.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Plain GETs against the daemon's metrics and health listener. Each GET has its own client, closed
 * afterwards: a shared one would keep its selector and pooled connections open across tests.
 */
final class Http {
    private Http() {}

    static HttpResponse<String> get(ListenAddress.Tcp address, String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + address.host() + ":" + address.port() + path);
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
