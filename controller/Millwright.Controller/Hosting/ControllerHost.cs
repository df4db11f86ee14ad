using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Controller.Api;
using Millwright.Controller.Configuration;

namespace Millwright.Controller.Hosting;

/// <summary>
/// Builds the controller: a WebApplication (Kestrel for the API) whose configuration comes from appsettings.json next
/// to the executable, then environment variables (MILLWRIGHT__MQTT__PORT=1884 sets Millwright:Mqtt:Port), then the
/// command line (--Millwright:Mqtt:Port=1884, or the short switches of `serve`), later sources winning.
/// </summary>
public static class ControllerHost
{
    /// <summary>Short command-line switches of `millwright serve` and the configuration keys they set.</summary>
    public static readonly IReadOnlyDictionary<string, string> Switches = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--data-dir"] = "Millwright:DataDirectory",
        ["--plant"] = "Millwright:PlantId",
        ["--urls"] = "Millwright:Api:Urls",
        ["--mqtt-mode"] = "Millwright:Mqtt:Mode",
        ["--mqtt-bind"] = "Millwright:Mqtt:BindAddress",
        ["--mqtt-port"] = "Millwright:Mqtt:Port",
        ["--mqtt-tls-port"] = "Millwright:Mqtt:TlsPort",
        ["--mqtt-tls-certificate"] = "Millwright:Mqtt:TlsCertificatePath",
        ["--broker-host"] = "Millwright:Mqtt:External:Host",
        ["--broker-port"] = "Millwright:Mqtt:External:Port",
        ["--broker-user"] = "Millwright:Mqtt:External:Username",
        ["--broker-client-id"] = "Millwright:Mqtt:External:ClientId",
        ["--shared-group"] = "Millwright:Mqtt:External:SharedSubscriptionGroup",
    };

    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">Some setting is invalid; the
    /// failures name their keys.</exception>
    public static WebApplication Build(string[] args, TextWriter console, Action<IServiceCollection>? configureServices = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>(Switches));
        builder.Services.AddSingleton(new ControllerConsole(console));
        builder.Services.AddMillwright(builder.Configuration);
        configureServices?.Invoke(builder.Services);

        ApiOptions api = builder.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        builder.WebHost.UseUrls(api.UrlList);

        WebApplication app = builder.Build();
        OptionsCheck.ThrowIfInvalid(app.Services);
        app.MapMillwrightApi();
        return app;
    }
}
