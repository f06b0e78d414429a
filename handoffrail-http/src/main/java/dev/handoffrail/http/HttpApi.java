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
import dev.handoffrail.http.realtime.RealtimeRoutes;
import dev.handoffrail.http.realtime.RealtimeSettings;
import dev.handoffrail.http.realtime.RealtimeStreams;
import dev.handoffrail.http.route.HttpPipeline;
import dev.handoffrail.http.route.RequestIds;
import dev.handoffrail.http.route.Routes;
import dev.handoffrail.http.schema.SchemaRoutes;
import dev.handoffrail.http.system.StatsRoutes;
import dev.handoffrail.http.tenant.TenantRoutes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
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
        return create(rail, settings, RealtimeSettings.defaults(), probes, metrics, routes -> {
        }, config -> {
        });
    }

    /** As the public {@code create}, plus the {@code extra} routes (tests). */
    static Javalin create(HandoffRail rail, HttpSettings settings, HttpProbes probes,
                          PrometheusMeterRegistry metrics, Consumer<Routes> extra) {
        return create(rail, settings, RealtimeSettings.defaults(), probes, metrics, extra, config -> {
        });
    }

    /**
     * As the public {@code create}, with the real-time streams' own tunables, the {@code extra} routes and a last
     * word on the Javalin configuration (tests: a small Jetty thread pool).
     */
    static Javalin create(HandoffRail rail, HttpSettings settings, RealtimeSettings realtime, HttpProbes probes,
                          PrometheusMeterRegistry metrics, Consumer<Routes> extra, Consumer<JavalinConfig> tune) {
        JsonCodec json = new JsonCodec(settings.maxJsonDepth());
        RequestMetrics requestMetrics = new RequestMetrics(metrics);
        Authenticator authenticator = new Authenticator(rail, settings.authCacheTtl(), requestMetrics::rateLimited);
        RequestRateLimits rateLimits = new RequestRateLimits(rail.rateLimits(), requestMetrics::rateLimited);
        HttpPipeline pipeline = new HttpPipeline(rail, settings, authenticator, rateLimits, json,
                requestMetrics::rateLimited);
        Routes routes = pipeline.routes();
        new ProbeRoutes(probes, metrics, settings.metricsToken()).register(routes);
        new PacketRoutes(rail).register(routes);
        RealtimeStreams streams = new RealtimeStreams(realtime, rail.clock(), metrics);
        RealtimeRoutes realtimeRoutes = new RealtimeRoutes(rail, pipeline, streams, json, metrics);
        realtimeRoutes.register(routes);
        registerResources(rail, probes, authenticator, streams, routes);
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
            realtimeRoutes.install(config);
            DocsRoutes.install(config);
            config.events.serverStopping(streams::close);
            config.events.serverStopped(authenticator::close);
            tune.accept(config);
        });
    }

    /**
     * Schemas, webhooks, keys, tenants, audit, stats and system health (§10–§15), the API description and the
     * reviewer console.
     */
    private static void registerResources(HandoffRail rail, HttpProbes probes, Authenticator authenticator,
                                          RealtimeStreams streams, Routes routes) {
        new SchemaRoutes(rail).register(routes);
        new HookRoutes(rail).register(routes);
        new KeyRoutes(rail, authenticator).register(routes);
        new TenantRoutes(rail, authenticator).register(routes);
        new AuditRoutes(rail).register(routes);
        new StatsRoutes(rail, probes, streams, rail.clock().instant()).register(routes);
        new DocsRoutes().register(routes);
        new ConsoleRoutes().register(routes);
    }
}
