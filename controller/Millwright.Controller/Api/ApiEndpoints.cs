using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Controller.Metrics;

namespace Millwright.Controller.Api;

/// <summary>The HTTP surface: /health and /metrics open, everything under /api behind the bearer token.</summary>
public static class ApiEndpoints
{
    /// <summary>JSON as the API writes it: camelCase, enums as kebab-case names, NaN and ±infinity (failed readings) as
    /// "NaN"/"Infinity" strings rather than an error.</summary>
    public static void ConfigureJson(JsonOptions options)
    {
        options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
    }

    public static IEndpointRouteBuilder MapMillwrightApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", HealthEndpoint.GetAsync);
        app.MapGet("/metrics", (PrometheusTextExporter exporter) => Results.Text(exporter.Render(), PrometheusTextExporter.ContentType));

        RouteGroupBuilder api = app.MapGroup("/api").AddEndpointFilter<RequireBearerToken>();
        DeviceEndpoints.Map(api);
        QueryEndpoints.Map(api);
        ProofEndpoints.Map(api);
        api.MapPost("/tokens/rotate", async (ApiTokens tokens, CancellationToken ct) =>
            Results.Ok(new { token = await tokens.RotateAsync(ct).ConfigureAwait(false) }));
        return app;
    }

    internal static IServiceCollection AddMillwrightJson(this IServiceCollection services) =>
        services.Configure<JsonOptions>(ConfigureJson);
}
