package dev.handoffrail.bench.scenario;

/**
 * Realistic create bodies (http-api.md §7.1): about 2.3 KB of metadata, a six-turn conversation, artifacts,
 * decisions, actions and dependencies, like the §7.2 example filled out. Stateless and thread-safe.
 *
 * <p>Every body carries the common search word {@code upgrade}; the body numbered {@code n} also carries the rare
 * word {@code zircon<n / RARE_EVERY>} when {@code n} is a multiple of {@link #RARE_EVERY}, so a search for
 * {@code zircon0} matches exactly one stored packet.
 */
public final class PacketBodies {
    /** One packet in this many carries a rare search word. */
    public static final int RARE_EVERY = 100_000;

    private PacketBodies() {
    }

    /** The create body number {@code n}, from {@code source} to {@code target}. */
    public static String packet(long n, String source, String target) {
        String rare = n % RARE_EVERY == 0 ? " zircon" + n / RARE_EVERY : "";
        return """
                {"metadata":{"source_agent":{"id":"%s","name":"SalesBot","framework":"langchain",\
                "version":"0.3.1"},"target_agent":{"id":"%s","name":"BillingBot","framework":"crewai"},\
                "priority":"%s","tags":["upgrade","business-tier","bench"]},\
                "context":{"summary":"Customer %d wants to upgrade from the Pro plan to the Business plan before the \
                end of the quarter and asked for an invoice in euros%s.",\
                "conversation_state":[\
                {"role":"user","content":"Hi, we need more seats and the audit export for our compliance team.",\
                "timestamp":"2026-05-30T19:30:00Z","metadata":null},\
                {"role":"agent","content":"The Business plan includes both. May I check your current usage first?",\
                "timestamp":"2026-05-30T19:30:20Z","metadata":{"tool":"usage_lookup"}},\
                {"role":"user","content":"Sure, we are at 42 seats and growing about ten per month.",\
                "timestamp":"2026-05-30T19:31:02Z","metadata":null},\
                {"role":"agent","content":"Thanks. Business is priced per seat with a volume discount above 50.",\
                "timestamp":"2026-05-30T19:31:40Z","metadata":null},\
                {"role":"user","content":"Good, please start the upgrade and send the invoice to finance.",\
                "timestamp":"2026-05-30T19:33:10Z","metadata":null},\
                {"role":"agent","content":"I am handing you over to billing to process the upgrade now.",\
                "timestamp":"2026-05-30T19:34:55Z","metadata":null}],\
                "artifacts":[{"key":"customer_profile","value":{"id":"cust-%d","seats":42,"plan":"pro",\
                "country":"DE","currency":"EUR"},"content_type":"application/json"},\
                {"key":"usage_report","value":"seats=42;projects=17;api_calls_month=1830455",\
                "content_type":"text/plain"}],\
                "custom":{"session_id":"sess-%d","channel":"web","locale":"de-DE"}},\
                "decisions":[{"id":"d1","decision":"Proceed with upgrade","rationale":"Customer eligible for Business",\
                "alternatives":["Stay on Pro","Enterprise trial"],"decided_by":"sales-01",\
                "timestamp":"2026-05-30T19:34:00Z"}],\
                "actions":{"pending":[{"id":"a1","description":"Process the plan upgrade","assignee":"billing-01",\
                "priority":"high","depends_on":[],"deadline":"2026-06-01T00:00:00Z"}],\
                "completed":[{"id":"c1","description":"Verify usage","result":"42 seats",\
                "completed_by":"sales-01","completed_at":"2026-05-30T19:31:05Z"}],"failed":[]},\
                "dependencies":[{"id":"stripe-api","type":"api","description":"Payment gateway",\
                "status":"available","source":"https://status.stripe.com"}]}"""
                .formatted(source, target, n % 7 == 0 ? "high" : "normal", n, rare, n, n);
    }
}
