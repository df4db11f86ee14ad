using Microsoft.AspNetCore.Http;

namespace Millwright.Controller.Api;

/// <summary>
/// Every /api request needs "Authorization: Bearer &lt;token&gt;". Writes and secrets must be protected (issue 5);
/// reads are protected too because readings, device inventory and quarantined bytes are plant data an outsider
/// should not see. Only /health (for load balancers and orchestrators) and /metrics (counts, no plant data; scrapers
/// rarely carry tokens) are open.
/// </summary>
internal sealed class RequireBearerToken(ApiTokens tokens) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        string? header = http.Request.Headers.Authorization;
        bool valid = header is not null && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) &&
            await tokens.IsValidAsync(header[Scheme.Length..].Trim(), http.RequestAborted).ConfigureAwait(false);
        if (!valid)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid bearer token is required",
                detail: "Send 'Authorization: Bearer <token>' with the token printed at the controller's first start (or from POST /api/tokens/rotate).");
        }

        return await next(context).ConfigureAwait(false);
    }
}
