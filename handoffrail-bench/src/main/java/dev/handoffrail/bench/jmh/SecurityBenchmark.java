package dev.handoffrail.bench.jmh;

import dev.handoffrail.core.auth.ApiKeySecrets;
import dev.handoffrail.core.webhook.AddressClassifier;
import dev.handoffrail.core.webhook.WebhookSigner;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Per-request and per-delivery security work: key hashing, webhook HMAC signing and SSRF classification. */
@State(Scope.Benchmark)
public class SecurityBenchmark extends QuickSettings {
    private static final String SECRET = "whsec_4f1d0c9e8b7a6a5b4c3d";

    private String apiKey;
    private byte[] webhookBody;
    private InetAddress[] addresses;

    @Setup(Level.Trial)
    public void setUp() throws UnknownHostException {
        apiKey = ApiKeySecrets.generate(new SecureRandom());
        // a webhook body carries the packet and its metadata: about twice the create body
        webhookBody = PacketDocuments.createBody(5_000);
        addresses = new InetAddress[] {
            InetAddress.getByName("93.184.216.34"),      // public IPv4: allowed
            InetAddress.getByName("10.1.2.3"),           // private IPv4
            InetAddress.getByName("2606:2800:220:1::1"), // public IPv6
            InetAddress.getByName("::ffff:127.0.0.1"),   // IPv4-mapped loopback
            InetAddress.getByName("64:ff9b::a00:1"),     // NAT64 of 10.0.0.1
        };
    }

    /** SHA-256 of a presented API key, done on every authenticated request without a cache hit. */
    @Benchmark
    public String hashApiKey() {
        return ApiKeySecrets.hash(apiKey);
    }

    /** The {@code X-HR-Signature-V2} header value of a 5 KB webhook body. */
    @Benchmark
    public String signWebhookBody() {
        return WebhookSigner.signatureV2(SECRET, 1_780_000_000L, webhookBody);
    }

    /** Five addresses through the SSRF rules (three blocked, two allowed). */
    @Benchmark
    public void classifyAddresses(Blackhole blackhole) {
        for (InetAddress address : addresses) {
            Optional<String> reason = AddressClassifier.blockedReason(address);
            blackhole.consume(reason);
        }
    }
}
