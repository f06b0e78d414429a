package dev.handoffrail.http;

import dev.handoffrail.core.HandoffRail;
import dev.handoffrail.http.audit.AuditRoutes;
import dev.handoffrail.http.auth.Authenticator;
import dev.handoffrail.http.auth.RequestRateLimits;
import dev.handoffrail.http.console.ConsoleRoutes;
import dev.handoffrail.http.docs.DocsRoutes;
import dev.handoffrail.http.hook.HookRoutes;
import dev.handoffrail.http.json.JsonCodec;
import dev.handoffrail.http.key.KeyRoutes;
import dev.handoffrail.http.metrics.DatabaseGauges;
import dev.handoffrail.http.packet.PacketRoutes;
import dev.handoffrail.http.probe.ProbeRoutes;
import dev.handoffrail.http.probe.RequestMetrics;
import dev.handoffrail.http.route.HttpPipeline;
import dev.handoffrail.http.route.RequestIds;
import dev.handoffrail.http.route.Routes;
import dev.handoffrail.http.schema.SchemaRoutes;
import dev.handoffrail.http.system.RealtimeConnections;
import dev.handoffrail.http.system.StatsRoutes;
import dev.handoffrail.http.tenant.TenantRoutes;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Consumer;

/**
 * The HTTP adapter of http-api.md: every route behind one request pipeline, probes and metrics. {@link #create}
 * returns an unstarted {@link Javalin}; starting, stopping and the port are the caller's.
 */
public final class HttpApi {
    private HttpApi() {
    }

    public static Javalin create(HandoffRail rail, HttpSettings settings, HttpProbes probes,
                                 PrometheusMeterRegistry metrics) {
        return create(rail, settings, probes, metrics, routes -> {
        });
    }

    /** As the public {@code create}, plus the {@code extra} routes (tests). */
    static Javalin create(HandoffRail rail, HttpSettings settings, HttpProbes probes,
                          PrometheusMeterRegistry metrics, Consumer<Routes> extra) {
        JsonCodec json = new JsonCodec(settings.maxJsonDepth());
        RequestMetrics requestMetrics = new RequestMetrics(metrics);
        Authenticator authenticator = new Authenticator(rail, settings.authCacheTtl(), requestMetrics::rateLimited);
        RequestRateLimits rateLimits = new RequestRateLimits(rail.rateLimits(), requestMetrics::rateLimited);
        HttpPipeline pipeline = new HttpPipeline(rail, settings, authenticator, rateLimits, json,
                requestMetrics::rateLimited);
        Routes routes = pipeline.routes();
        new ProbeRoutes(probes, metrics, settings.metricsToken()).register(routes);
        new PacketRoutes(rail).register(routes);
        registerResources(rail, probes, authenticator, routes);
        DatabaseGauges.register(metrics.getPrometheusRegistry(), rail.monitoring(), rail.clock());
        extra.accept(routes);
        CrossOrigin cors = new CrossOrigin(settings.corsOrigins());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors(json)));
            config.routes.before(ctx -> {
                RequestIds.assign(ctx);
                requestMetrics.start(ctx);
                if (cors.apply(ctx)) {
                    ctx.skipRemainingHandlers();
                }
            });
            config.routes.after(requestMetrics::record);
            pipeline.install(config);
            DocsRoutes.install(config);
            config.events.serverStopped(authenticator::close);
        });
    }

    /**
     * Schemas, webhooks, keys, tenants, audit, stats and system health (§10–§15), the API description and the
     * reviewer console.
     */
    private static void registerResources(HandoffRail rail, HttpProbes probes, Authenticator authenticator,
                                          Routes routes) {
        new SchemaRoutes(rail).register(routes);
        new HookRoutes(rail).register(routes);
        new KeyRoutes(rail, authenticator).register(routes);
        new TenantRoutes(rail, authenticator).register(routes);
        new AuditRoutes(rail).register(routes);
        new StatsRoutes(rail, probes, RealtimeConnections.NONE, rail.clock().instant()).register(routes);
        new DocsRoutes().register(routes);
        new ConsoleRoutes().register(routes);
    }
}
